import Foundation
import Logging
import SQLiteStore
import SyncCore
import TestSupport
import Testing

@testable import dxrsync

/// `plan --incremental`'s estimate, in process: a real volume, a real SQLite store whose ledger
/// rows `recordRun` wrote, and the command's own `report`.
@Suite struct PlanEstimateTests {
    let base = TemporaryDirectory("volume")
    let work = TemporaryDirectory("work")
    var databasePath: String { work.url("dxr.sqlite").path }

    /// Three new files of 1,000 bytes each.
    init() throws {
        for name in ["a.txt", "b.txt", "sub/c.txt"] {
            try base.write("main/hr/docs/" + name, String(repeating: "x", count: 1000))
        }
    }

    func plan() async throws -> PlanReport {
        let config = try ConfigurationLoader.loadPlan(
            from: ConfigurationSources(environment: [
                "VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs", "VOLUME_BASE_PATH": base.path,
                "METADATA_SQLITE_PATH": databasePath,
            ]))
        return try await PlanCommand.report(
            config, incremental: true, logger: Logger(label: "test"), dxrRules: { nil })
    }

    func store() async throws -> SQLiteMetadataStore {
        let store = try SQLiteMetadataStore(path: databasePath, table: "docs_metadata")
        try await store.prepare()
        return store
    }

    @Test func aStoreWithoutRunsGivesNoEstimate() async throws {
        let report = try await plan()
        let estimate = try #require(report.estimate)
        #expect(estimate.files == 3)
        #expect(estimate.seconds == nil)
        let line = "No estimate: none of the latest runs in the ledger finished having uploaded anything"
        #expect(report.text.contains(line))
        let json = try #require(
            JSONSerialization.jsonObject(with: SortedJSON.data(report)) as? [String: Any])
        let encoded = try #require(json["estimate"] as? [String: Any])
        #expect(encoded["seconds"] is NSNull)
        #expect(encoded["runs_used"] as? Int == 0)
    }

    @Test func theEstimateComesFromTheLedgerRowsTheRunsWrote() async throws {
        let store = try await store()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var counts = RunCounts()
        counts.submitted = 6
        counts.bytesUploaded = 1000
        // 6 files, 1,000 bytes in 60 s: 0.1 files/s, about 16.7 bytes/s.
        try await store.recordRun(
            RunRecord(
                runID: "measured", startedAt: start, finishedAt: start.addingTimeInterval(60),
                scope: "/Volumes/main/hr/docs", status: .succeeded, counts: counts, exitCode: 0))
        // Newer, but still running: not a measure.
        try await store.recordRun(
            RunRecord(
                runID: "running", startedAt: start.addingTimeInterval(3600), scope: "/Volumes/main/hr/docs",
                status: .running, counts: counts))

        let report = try await plan()
        let estimate = try #require(report.estimate)
        #expect(estimate.throughput?.runIDs == ["measured"])
        // 3 files take 30 s by count; 3,000 bytes 180 s by bytes.
        #expect(estimate.seconds == 180)
        #expect(
            report.text.contains(
                "Estimate: about 3 min to upload 3 files, 2.9 KiB, at the pace of the last run that uploaded "
                    + "(0.1 files/s, 17 B/s;"))
        let json = try #require(
            JSONSerialization.jsonObject(with: SortedJSON.data(report)) as? [String: Any])
        let encoded = try #require(json["estimate"] as? [String: Any])
        #expect(encoded["seconds"] as? Int == 180)
        #expect(encoded["files_per_second"] as? Double == 0.1)
        #expect(encoded["bytes_per_second"] as? Int == 17)
        #expect(encoded["runs_used"] as? Int == 1)
        #expect(encoded["run_ids"] as? [String] == ["measured"])
    }

    @Test func theProgressLineShowsAnETAOnceAJobFinished() {
        func progress(jobs: Int, files: Int, elapsed: Duration) -> SyncProgress {
            SyncProgress(
                jobsDone: jobs, jobsTotal: 10, filesDone: files, filesTotal: 250, classified: files, failed: 0,
                elapsed: elapsed)
        }
        #expect(
            ProgressDisplay.line(progress(jobs: 0, files: 0, elapsed: .seconds(30)))
                == "jobs 0/10, files 0/250, classified 0, failed 0")
        #expect(
            ProgressDisplay.line(progress(jobs: 3, files: 75, elapsed: .seconds(107)))
                == "jobs 3/10, files 75/250, classified 75, failed 0, eta 4m10s")
        #expect(
            ProgressDisplay.line(
                SyncProgress(
                    jobsDone: 10, jobsTotal: 10, filesDone: 250, filesTotal: 250, classified: 245, failed: 5,
                    elapsed: .seconds(400))) == "jobs 10/10, files 250/250, classified 245, failed 5")
    }
}
