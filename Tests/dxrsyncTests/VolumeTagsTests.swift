import DXREmulator
import Foundation
import SyncCore
import TestSupport
import Testing

/// `DXRSYNC_TAG_VOLUME`: Unity Catalog tags on the scanned volume after a run that ends well.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct VolumeTagsTests {
    /// A label whose name needs escaping in a SQL literal.
    static let awkwardLabel = #"Owner's \ notes"#

    func withWorkspace(
        _ harness: SyncHarness, denyApplyTag: Bool = false,
        _ body: (WorkspaceStandIn, [String: String]) async throws -> Void
    ) async throws {
        let workspace = try WorkspaceStandIn(
            root: harness.base.path, token: "pat-tags-5", warehouseRoot: harness.work.url("warehouse").path,
            denyApplyTag: denyApplyTag)
        try workspace.createSchema(catalog: "main", schema: "hr")
        try await body(
            workspace,
            [
                "DATABRICKS_HOST": workspace.url, "DATABRICKS_TOKEN": "pat-tags-5",
                "DATABRICKS_WAREHOUSE_ID": WorkspaceStandIn.warehouseID, "DXRSYNC_TAG_VOLUME": "true",
            ])
    }

    /// Runs `sync --json` against an emulator that also knows ``awkwardLabel``.
    func sync(_ harness: SyncHarness, _ environment: [String: String]) async throws -> ProcessResult {
        let rules = harness.work.url("rules.json").path
        let rule = LabelRule(id: 301, name: Self.awkwardLabel, description: "notes", detectors: [], keywords: ["owner"])
        try JSONEncoder().encode(["labels": [rule]]).write(to: URL(fileURLWithPath: rules))
        let emulator = EmulatorConfiguration(token: SyncHarness.token, faults: SyncHarness.fastFaults, rulesFile: rules)
        return try await DXREmulatorServer.withRunning(emulator) { running in
            try await harness.sync(url: running.url, environment, arguments: ["--json"])
        }
    }

    func writeVolume(_ harness: SyncHarness) throws {
        try harness.write("a.txt", "mail avery@example.com")
        try harness.write("notes/owner.txt", "the owner is on leave")
        try harness.write("plain.txt", "nothing to see")
    }

    @Test func aRunThatEndsWellSummarisesTheVolumeInItsTags() async throws {
        let harness = SyncHarness()
        try writeVolume(harness)
        try await withWorkspace(harness) { workspace, environment in
            _ = try await workspace.query("ALTER VOLUME `main`.`hr`.`docs` SET TAGS ('owner_team' = 'hr')")
            let result = try await sync(harness, environment)
            #expect(result.status == 0, "\(result.standardError)")
            let tags = try workspace.volumeTags(catalog: "main", schema: "hr", volume: "docs")
            #expect(tags["dxr_labels"] == "\(Self.awkwardLabel),PII")
            #expect(tags["dxr_sensitive_files"] == "2")
            #expect(tags["dxr_files"] == "3")
            #expect(tags["dxr_last_scan"].flatMap(Timestamps.date) != nil)
            #expect(tags["owner_team"] == "hr", "a steward's own tag stays")
            let summary = try #require(
                JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            #expect((summary["volume_tags"] as? [String: String])?["dxr_files"] == "3")
        }
    }

    @Test func withoutApplyTagTheRowsAreWrittenAndTheRunExits1() async throws {
        let harness = SyncHarness()
        try writeVolume(harness)
        try await withWorkspace(harness, denyApplyTag: true) { workspace, environment in
            let result = try await sync(harness, environment)
            #expect(result.status == 1, "\(result.standardError)")
            let summary = try #require(
                JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            let error = try #require(summary["volume_tags_error"] as? String)
            #expect(error.contains("APPLY TAG") && error.contains("/Volumes/main/hr/docs"))
            let table = try workspace.readTable(catalog: "main", schema: "hr", table: "docs_metadata")
            #expect(table.rows.count == 3)
            let ledger = try workspace.readTable(catalog: "main", schema: "hr", table: "docs_metadata_runs")
            #expect((ledger.rows.first?["error"] as? String)?.contains("APPLY TAG") == true)
        }
    }

    @Test func theSQLiteStoreCannotTagAVolumeAndSaysSoBeforeAnyUpload() async throws {
        let harness = SyncHarness()
        try writeVolume(harness)
        let (result, statistics) = try await SyncHarness.withEmulator { url in
            try await harness.sync(url: url, ["DXRSYNC_TAG_VOLUME": "true"])
        }
        #expect(result.status == 2)
        #expect(result.standardError.contains("DXRSYNC_TAG_VOLUME"))
        #expect(result.standardError.contains("METADATA_BACKEND"))
        #expect(statistics.receivedParts == 0)
    }
}
