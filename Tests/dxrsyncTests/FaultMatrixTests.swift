import DXREmulator
import Foundation
import SyncCore
import TestSupport
import Testing

/// `dxrsync sync` as a real process through faults of DXR, the network and the workspace. Every
/// test ends in a documented outcome (docs/reliability.md) with every file accounted for, and runs
/// with the credentials set to marker strings that must never show up in any output or table.
@Suite(.serialized, .tags(.endToEnd), .skippedInTheFastSet) struct FaultMatrixTests {
    /// Unique markers standing in for the three credentials.
    static let dxrToken = "dxr-marker-5b1f0c77"
    static let databricksToken = "dbx-marker-9e27aa41"
    static let clientSecret = "oauth-marker-33d1e8f2"

    func volume(_ files: Int = 6) throws -> SyncHarness {
        let harness = SyncHarness()
        for index in 0..<files {
            try harness.write("d\(index % 2)/f\(index).txt", index % 2 == 0 ? "mail p\(index)@example.com" : "plain")
        }
        return harness
    }

    /// The environment with the DXR token set to its marker and debug logging on.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["DXR_API_TOKEN": Self.dxrToken, "DXR_DEBUG": "true", "DXR_MAX_FILES_PER_JOB": "1"].merging(extra) { $1 }
    }

    func withEmulator<Result: Sendable>(
        _ faults: EmulatorFaults = SyncHarness.fastFaults, _ body: (String) async throws -> Result
    )
        async throws -> (Result, EmulatorStatistics)
    {
        try await SyncHarness.withEmulator(faults: faults, token: Self.dxrToken, body)
    }

    /// No marker in the process's output, nor in any file under `folders` (the SQLite store, the
    /// Delta tables and their logs).
    func expectNoSecrets(_ results: [ProcessResult], folders: [String]) throws {
        let markers = [Self.dxrToken, Self.databricksToken, Self.clientSecret]
        for result in results {
            for marker in markers {
                #expect(!result.standardOutput.contains(marker) && !result.standardError.contains(marker))
            }
        }
        for folder in folders {
            let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
            #expect(!files.isEmpty)
            for file in files {
                guard let data = FileManager.default.contents(atPath: folder + "/" + file) else { continue }
                for marker in markers { #expect(data.range(of: Data(marker.utf8)) == nil, "\(marker) in \(file)") }
            }
        }
    }

    @Test func stormsOf429And503WithRetryAfterEndWithEveryFileClassified() async throws {
        let harness = try volume()
        var faults = SyncHarness.fastFaults
        faults.rate429 = 0.25
        faults.rate503 = 0.2
        faults.retryAfterSeconds = 0
        let (result, statistics) = try await withEmulator(faults) { try await harness.sync(url: $0, environment()) }
        #expect(result.status == 0, "\(result.standardError)")
        #expect(statistics.injectedErrors > 0)
        #expect(try await harness.rows().values.allSatisfy { $0.status == .classified })
        try expectNoSecrets([result], folders: [harness.work.path])
    }

    @Test func aConnectionDroppedInTheMiddleOfAnUploadIsRetried() async throws {
        let harness = SyncHarness()
        try harness.write("large.txt", String(repeating: "mail avery@example.com ", count: 2_000))
        try harness.write("small.txt", "plain")
        let (result, statistics) = try await withEmulator { url in
            let proxy = try DroppingProxy(target: url, afterBytes: 20_000)
            return try await harness.sync(url: proxy.url, environment())
        }
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("retrying"))
        #expect(statistics.receivedParts == 2)
        let rows = try await harness.rows()
        #expect(rows["large.txt"]?.status == .classified && rows["large.txt"]?.labels == ["PII"])
        try expectNoSecrets([result], folders: [harness.work.path])
    }

    @Test func malformedJobStatusAnswersArePolledAgain() async throws {
        let harness = try volume()
        var faults = SyncHarness.fastFaults
        faults.malformedStatusRate = 0.4
        faults.malformedStatusInARowAtMost = 3
        let (result, statistics) = try await withEmulator(faults) { try await harness.sync(url: $0, environment()) }
        #expect(result.status == 0, "\(result.standardError)")
        #expect(statistics.malformedAnswers > 0)
        #expect(try await harness.rows().values.allSatisfy { $0.status == .classified })
    }

    /// A 401 halfway: nothing more is submitted, unfinished files get FAILED rows, exit 2 (the
    /// token is the configuration's problem); the next run (with a good token) completes the table.
    @Test func aTokenRevokedHalfwayStopsTheRunAndTheRerunCompletesIt() async throws {
        let harness = try volume()
        var faults = SyncHarness.fastFaults
        faults.revokeTokenAfterJobs = 2
        let settings = environment(["DXR_MAX_CONCURRENT_JOBS": "1"])
        let (stopped, statistics) = try await withEmulator(faults) { try await harness.sync(url: $0, settings) }
        #expect(stopped.status == 2)
        #expect(stopped.standardError.contains("rejected the API token"))
        #expect(stopped.standardError.contains("check DXR_API_TOKEN"))
        #expect(statistics.jobsSubmitted == 2)
        let rows = try await harness.rows()
        #expect(rows.count == 6)
        #expect(rows.values.contains { $0.status == .classified })
        let failed = rows.values.filter { $0.status == .failed }
        #expect(failed.count >= 4)
        #expect(failed.allSatisfy { $0.statusReason?.isEmpty == false })
        #expect(try await harness.runs().first?.exitCode == 2)

        let (rerun, _) = try await withEmulator { try await harness.sync(url: $0, settings) }
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(try await harness.rows().values.allSatisfy { $0.status == .classified })
        try expectNoSecrets([stopped, rerun], folders: [harness.work.path])
    }

    /// The warehouse refusing every MERGE: exit 3 with the SQLSTATE; the next run completes the table.
    @Test func aWarehouseFailingEveryMergeExits3AndTheRerunCompletesTheTable() async throws {
        let harness = try volume()
        let warehouse = harness.work.url("warehouse").path
        let workspace = try WorkspaceStandIn(
            root: harness.base.path, token: Self.databricksToken, warehouseRoot: warehouse)
        try workspace.createSchema(catalog: "main", schema: "hr")
        let settings = environment([
            "DATABRICKS_HOST": workspace.url, "DATABRICKS_TOKEN": Self.databricksToken,
            "DATABRICKS_WAREHOUSE_ID": WorkspaceStandIn.warehouseID, "DXR_MAX_FILES_PER_JOB": "3",
        ])
        try await workspace.armFaults(failMerges: ["`docs_metadata` AS t": 1_000])
        let (failed, _) = try await withEmulator { try await harness.sync(url: $0, settings) }
        #expect(failed.status == 3)
        #expect(failed.standardError.contains("2D521"))
        try await workspace.armFaults(failMerges: ["`docs_metadata` AS t": 0])
        let (rerun, statistics) = try await withEmulator { try await harness.sync(url: $0, settings) }
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(statistics.receivedParts == 6)
        let table = try workspace.readTable(catalog: "main", schema: "hr", table: "docs_metadata")
        #expect(table.rows.count == 6)
        #expect(table.rows.allSatisfy { $0["status"] as? String == "CLASSIFIED" })
        try expectNoSecrets([failed, rerun], folders: [warehouse])
    }

    /// A folder whose Files API listing fails: the run reports an incomplete listing and tombstones
    /// nothing, though the folder's files are absent from the listing.
    @Test func aFolderThatFailsToListTombstonesNothing() async throws {
        let harness = try volume()
        let remote = { (workspace: WorkspaceStandIn) in
            environment([
                "VOLUME_SOURCE": "files-api", "DATABRICKS_HOST": workspace.url, "DATABRICKS_CLIENT_ID": "dxrsync-sp",
                "DATABRICKS_CLIENT_SECRET": Self.clientSecret,
            ])
        }
        let healthy = try WorkspaceStandIn(
            root: harness.base.path, token: "unused", clientID: "dxrsync-sp", clientSecret: Self.clientSecret)
        let (first, _) = try await withEmulator { try await harness.sync(url: $0, remote(healthy)) }
        #expect(first.status == 0, "\(first.standardError)")
        let failing = try WorkspaceStandIn(
            root: harness.base.path, token: "unused", clientID: "dxrsync-sp", clientSecret: Self.clientSecret,
            failListing: ["/Volumes/main/hr/docs/d1"])
        let (second, statistics) = try await withEmulator { try await harness.sync(url: $0, remote(failing)) }
        #expect(second.standardOutput.contains("listing INCOMPLETE"))
        #expect(statistics.receivedParts == 0)
        let rows = try await harness.rows()
        #expect(rows.count == 6)
        #expect(rows.values.allSatisfy { $0.deletedAt == nil })
        try expectNoSecrets([first, second], folders: [harness.work.path])
    }
}
