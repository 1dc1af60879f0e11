import Databricks
import Foundation
import GovernanceBundle
import HTTPSupport
import Logging
import SyncCore
import TestSupport
import Testing

/// The governance view `<table>_volumes` and the dashboard's tile over it, on the stand-in's Delta
/// engine (Spark-checked in strict mode), over the rows of several volumes in one table.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct VolumesViewTests {
    static let token = "pat-volumes-20"

    /// Writes ``EstateRows`` into a Delta table through the store, reviews a label away, creates
    /// the views, and returns the store's report of the estate.
    func estate(_ workspace: WorkspaceStandIn, _ configuration: MetadataConfiguration) async throws -> StoreReport {
        let connection = DatabricksConfiguration(host: URL(string: workspace.url), token: Secret(Self.token))
        let logger = Logger.quiet("volumes-view", level: .critical)
        return try await WorkspaceConnection.withConnection(connection, logger: logger) { client in
            let warehouse = SQLWarehouse(client: client, warehouseID: WorkspaceStandIn.warehouseID)
            let store = DeltaMetadataStore(executor: warehouse, configuration: configuration, logger: logger)
            try await EstateRows.write(into: store)
            try await store.addReview(
                Review(
                    reviewID: "r1", filePath: "/Volumes/main/hr/docs/a.txt", sha256: nil, label: "PII",
                    verdict: .falsePositive, reason: "a test address", reviewer: "steward@example.com",
                    createdAt: EstateRows.when, expiresAt: nil))
            for view in GovernanceViews(configuration: configuration).views {
                _ = try await warehouse.execute(view.statement)
            }
            return try await store.report(ReportQuery(scope: "/Volumes/main"))
        }
    }

    @Test func eachVolumeHasItsLiveFilesFindingsWithReviewsAppliedAndItsLatestRun() async throws {
        let folder = TemporaryDirectory("volumes-view")
        try folder.makeDirectory("volumes")
        let workspace = try WorkspaceStandIn(
            root: folder.url("volumes").path, token: Self.token, warehouseRoot: folder.url("warehouse").path)
        try workspace.createSchema(catalog: "main", schema: "governance")
        let configuration = MetadataConfiguration(
            catalog: "main", schema: "governance", table: "dxrsync_metadata",
            backend: .databricks(warehouseID: WorkspaceStandIn.warehouseID))
        let report = try await estate(workspace, configuration)

        let rows = try await workspace.query("SELECT * FROM `main`.`governance`.`dxrsync_metadata_volumes`")
        var byVolume: [String: [String: String]] = [:]
        for row in rows {
            byVolume["/Volumes/\(row["catalog_name"] ?? "")/\(row["schema_name"] ?? "")/\(row["volume_name"] ?? "")"] =
                row
        }
        #expect(byVolume.keys.sorted() == EstateRows.volumes)
        // Files, bytes and statuses are the report's, volume by volume (the deleted row in neither).
        for volume in report.volumes {
            let row = byVolume[volume.path] ?? [:]
            let expected = [volume.files, Int(volume.bytes), volume.classified, volume.skipped, volume.failed]
            #expect(
                ["files", "bytes", "classified", "skipped", "failed"].map { Int(row[$0] ?? "") } == expected,
                "\(volume.path)")
        }
        #expect(byVolume["/Volumes/main/finance/ledger"]?["files"] == "3")
        #expect(byVolume["/Volumes/main/finance/ledger"]?["bytes"] == "900")
        // Findings with the review applied: a.txt's only label was taken away, b.txt keeps two.
        #expect(
            byVolume.mapValues { $0["with_findings"] ?? "" }.sorted { $0.key < $1.key }.map(\.value) == [
                "1", "0", "1", "0",
            ])
        // The latest run over the volume, a folder or a part of it; never hr/docs2's.
        #expect(byVolume["/Volumes/main/hr/docs"]?["last_run_status"] == "SUCCEEDED")
        #expect(byVolume["/Volumes/main/hr/docs"]?["last_run_at"]?.hasPrefix("2026-09-21") == true)
        #expect(byVolume["/Volumes/main/hr/scans"]?["last_run_status"] == "FINISHED_WITH_FAILURES")
        #expect(byVolume["/Volumes/main/finance/invoices"]?["last_run_status"] == "FINISHED_WITH_FAILURES")
        #expect(byVolume["/Volumes/main/finance/ledger"]?["last_run_status"] == nil)
        #expect(byVolume["/Volumes/main/finance/ledger"]?["last_run_at"] == nil)

        // The dashboard's tile: volumes with findings first, then those not fully evaluated (the
        // review puts invoices, with a failure, before docs).
        let dataset = try #require(
            GovernanceDashboard(configuration: configuration).datasets.first { $0.name == "volumes" })
        let tile = try await workspace.query(dataset.query)
        #expect(
            tile.map { $0["volume"] } == [
                "main.finance.invoices", "main.hr.docs", "main.hr.scans", "main.finance.ledger",
            ])
        #expect(tile.first?["with_findings"] == "1" && tile.first?["failed"] == "1" && tile.first?["files"] == "2")
    }
}
