import DXREmulator
import Foundation
import SyncCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGKILL at several points of a run (listing, uploads, polling, store writes), then a rerun: the
/// table equals an uninterrupted run's table, ignoring timestamps and run ids, for both stores.
@Suite(.serialized, .tags(.endToEnd), .skippedInTheFastSet) struct CrashResumeTests {
    static let files = 16

    func volume() throws -> SyncHarness {
        let harness = SyncHarness()
        for index in 0..<Self.files {
            try harness.write(
                "d\(index % 3)/f\(index).txt",
                index % 2 == 0 ? "mail p\(index)@example.com" : "card 4111 1111 1111 1111")
        }
        return harness
    }

    static var slowJobs: EmulatorFaults {
        var faults = SyncHarness.fastFaults
        faults.jobLatency = .milliseconds(250)
        return faults
    }

    static let settings = ["DXR_MAX_FILES_PER_JOB": "2", "DXR_MAX_CONCURRENT_JOBS": "2"]

    /// Kills a run after each delay in turn (each kill on the state the previous one left), then
    /// runs to completion; returns the final rows' essence keyed by relative path.
    func killThenResume(
        _ harness: SyncHarness, delays: [Duration], extra: [String: String] = [:],
        rows: () async throws -> [String: String]
    ) async throws -> [String: String] {
        let settings = Self.settings.merging(extra) { $1 }
        for delay in delays {
            let (status, _) = try await SyncHarness.withEmulator(faults: Self.slowJobs) { url in
                try await harness.syncAndSignal(url: url, extra: settings, signal: SIGKILL, after: delay)
            }
            // Killed, or (rarely, after a long delay) already finished.
            #expect(status == 128 + SIGKILL || status == 0 || status == 1)
        }
        let (final, _) = try await SyncHarness.withEmulator { try await harness.sync(url: $0, settings) }
        #expect(final.status == 0, "\(final.standardError)")
        return try await rows()
    }

    @Test func theSQLiteTableAfterKillsAndAResumeEqualsAnUninterruptedRun() async throws {
        let killed = try volume()
        let reference = try volume()
        func essence(_ harness: SyncHarness) async throws -> [String: String] {
            try await harness.rows().mapValues {
                "\($0.status.rawValue)|\($0.labels)|\($0.annotators)|\($0.fileSize)|\($0.deletedAt == nil)"
            }
        }
        let delays: [Duration] = [.milliseconds(20), .milliseconds(350), .milliseconds(700), .milliseconds(1_100)]
        let resumed = try await killThenResume(killed, delays: delays) { try await essence(killed) }
        let (uninterrupted, _) = try await SyncHarness.withEmulator { try await reference.sync(url: $0, Self.settings) }
        #expect(uninterrupted.status == 0)
        #expect(resumed.count == Self.files)
        #expect(resumed == (try await essence(reference)))
    }

    @Test func theDeltaTableAfterKillsAndAResumeEqualsAnUninterruptedRun() async throws {
        let killed = try volume()
        let reference = try volume()
        func warehouse(_ harness: SyncHarness) throws -> WorkspaceStandIn {
            let standIn = try WorkspaceStandIn(
                root: harness.base.path, token: "pat-crash", warehouseRoot: harness.work.url("warehouse").path)
            try standIn.createSchema(catalog: "main", schema: "hr")
            return standIn
        }
        func settings(_ standIn: WorkspaceStandIn) -> [String: String] {
            [
                "DATABRICKS_HOST": standIn.url, "DATABRICKS_TOKEN": "pat-crash",
                "DATABRICKS_WAREHOUSE_ID": WorkspaceStandIn.warehouseID,
            ]
        }
        func essence(_ standIn: WorkspaceStandIn) throws -> [String: String] {
            try standIn.readTable(catalog: "main", schema: "hr", table: "docs_metadata").rows(by: "relative_path")
                .mapValues {
                    "\($0["status"] as? String ?? "")|\($0["labels"] as? [String] ?? [])|\($0["file_size"] as? Int ?? -1)"
                        + "|\($0["deleted_at"] is NSNull)"
                }
        }
        let killedWarehouse = try warehouse(killed)
        // Statements answer PENDING and RUNNING first, so some kills land while rows are being written.
        try await killedWarehouse.armFaults(slow: ["`docs_metadata`"])
        let delays: [Duration] = [.milliseconds(50), .milliseconds(900), .milliseconds(1_800), .milliseconds(3_000)]
        let resumed = try await killThenResume(killed, delays: delays, extra: settings(killedWarehouse)) {
            try essence(killedWarehouse)
        }
        let referenceWarehouse = try warehouse(reference)
        let (uninterrupted, _) = try await SyncHarness.withEmulator {
            try await reference.sync(url: $0, Self.settings.merging(settings(referenceWarehouse)) { $1 })
        }
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")
        #expect(resumed.count == Self.files)
        #expect(resumed == (try essence(referenceWarehouse)))
    }
}
