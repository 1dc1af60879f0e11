import DXREmulator
import Databricks
import Foundation
import GovernanceBundle
import SyncCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `dxrsync sync` end to end, for what only a process shows: the binary's environment, exit
/// codes, output and signals. The pipeline's behaviour is tested in process (PipelineTests).
@Suite(.serialized, .tags(.endToEnd), .skippedInTheFastSet) struct SyncEndToEndTests {
    @Test func theFilesAPISourceWithASecretScopeTokenWritesWhatALocalRunWrites() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "mail avery@example.com")
        try harness.write("sub dir/card.csv", "card,4111 1111 1111 1111")
        try harness.write("sub dir/deeper/plain.md", "nothing")
        let workspace = try WorkspaceStandIn(
            root: harness.base.path, token: "pat-e2e-51", secrets: ["dxr/token": SyncHarness.token], pageSize: 1)
        let remote = [
            "VOLUME_SOURCE": "files-api", "DATABRICKS_HOST": workspace.url, "DATABRICKS_TOKEN": "pat-e2e-51",
            "DXR_API_TOKEN": "", "DXR_SECRET_SCOPE": "dxr", "DXR_SECRET_KEY": "token",
        ]
        let (first, firstStats) = try await SyncHarness.withEmulator { try await harness.sync(url: $0, remote) }
        #expect(first.status == 0, "\(first.standardError)")
        #expect(firstStats.receivedParts == 3)
        let (second, secondStats) = try await SyncHarness.withEmulator { try await harness.sync(url: $0, remote) }
        #expect(second.status == 0)
        #expect(secondStats.receivedParts == 0)

        let localPath = harness.work.url("local.sqlite").path
        let (local, _) = try await SyncHarness.withEmulator {
            try await harness.sync(url: $0, ["METADATA_SQLITE_PATH": localPath])
        }
        #expect(local.status == 0)
        func essence(_ rows: [String: FileRecord]) -> [String: String] {
            rows.mapValues { "\($0.filePath)|\($0.status.rawValue)|\($0.labels)|\($0.fileSize)|\($0.modificationTime)" }
        }
        let remoteRows = try await harness.rows()
        #expect(remoteRows.count == 3)
        #expect(essence(remoteRows) == essence(try await harness.rows(at: localPath)))
        #expect(!(first.standardOutput + first.standardError).contains("pat-e2e-51"))
    }

    /// The playbook's deployment: files through the Files API, the token from a secret scope,
    /// rows in a Delta table through the SQL warehouse (read back here with delta-rs).
    @Test func theDatabricksBackendWritesOneDeltaRowPerFileWithThePlaybookColumnsFirst() async throws {
        let harness = SyncHarness()
        let hostile = "x'); DROP TABLE t; --.txt"
        try harness.write("a.txt", "mail avery@example.com")
        try harness.write("sub dir/card.csv", "card,4111 1111 1111 1111")
        try harness.write(hostile, "ssn 123-45-6789")
        let warehouse = harness.work.url("warehouse").path
        let workspace = try WorkspaceStandIn(
            root: harness.base.path, token: "pat-e2e-77", secrets: ["dxr/token": SyncHarness.token], pageSize: 2,
            warehouseRoot: warehouse)
        try workspace.createSchema(catalog: "main", schema: "governance")
        let remote = [
            "VOLUME_SOURCE": "files-api", "DATABRICKS_HOST": workspace.url, "DATABRICKS_TOKEN": "pat-e2e-77",
            "DATABRICKS_WAREHOUSE_ID": WorkspaceStandIn.warehouseID, "METADATA_SCHEMA": "governance",
            "DXR_API_TOKEN": "", "DXR_SECRET_SCOPE": "dxr", "DXR_SECRET_KEY": "token",
        ]
        let (first, firstStats) = try await SyncHarness.withEmulator { try await harness.sync(url: $0, remote) }
        #expect(first.status == 0, "\(first.standardError)")
        #expect(firstStats.receivedParts == 3)
        let (second, secondStats) = try await SyncHarness.withEmulator { try await harness.sync(url: $0, remote) }
        #expect(second.status == 0, "\(second.standardError)")
        #expect(secondStats.receivedParts == 0)
        #expect(second.standardOutput.contains("unchanged 3"))

        let table = try workspace.readTable(catalog: "main", schema: "governance", table: "docs_metadata")
        #expect(Array(table.columns.prefix(15)) == MetadataSchema.playbookColumns.map(\.name))
        #expect(table.columns == MetadataSchema.columns.map(\.name))
        #expect(table.rows.count == 3)
        let ledger = try workspace.readTable(catalog: "main", schema: "governance", table: "docs_metadata_runs")
        #expect(ledger.rows.count == 2)
        #expect(ledger.rows.allSatisfy { $0["status"] as? String == "SUCCEEDED" })

        // The same labels as a run into SQLite.
        let (local, _) = try await SyncHarness.withEmulator { try await harness.sync(url: $0) }
        #expect(local.status == 0)
        let localLabels = try await harness.rows().mapValues(\.labels)
        let deltaLabels = table.rows(by: "relative_path").mapValues { $0["labels"] as? [String] ?? [] }
        #expect(deltaLabels == localLabels)
        #expect(deltaLabels[hostile]?.isEmpty == false)
        #expect(!(first.standardOutput + first.standardError).contains("pat-e2e-77"))

        // The governance views run on the same warehouse (Spark-checked in strict mode).
        let views = try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, ["views"], environment: harness.environment(url: "http://unused", remote),
            workingDirectory: harness.work.path)
        #expect(views.status == 0, "\(views.standardError)")
        #expect(views.standardOutput.contains("created main.governance.docs_metadata_coverage"))
        let coverage = try await workspace.query("SELECT * FROM `main`.`governance`.`docs_metadata_coverage`")
        #expect(coverage.count == 1)
        #expect(coverage.first?["coverage"] == "CLASSIFIED_WITH_FINDINGS")
        #expect(coverage.first?["files"] == "3")
        #expect(coverage.first.flatMap { $0["percent_of_files"] }.flatMap(Double.init) == 100)
        let labels = try await workspace.query(
            "SELECT label, effective, first_detected_at FROM `main`.`governance`.`docs_metadata_file_labels`")
        #expect(labels.count == 4)
        #expect(labels.allSatisfy { $0["effective"] == "true" && $0["first_detected_at"] != nil })
        let changes = try await workspace.query("SELECT change FROM `main`.`governance`.`docs_metadata_label_changes`")
        #expect(changes.count == 4 && changes.allSatisfy { $0["change"] == "ADDED" })
        #expect(try await workspace.query("SELECT * FROM `main`.`governance`.`docs_metadata_duplicates`").isEmpty)
        let perLabel = try await workspace.query(
            "SELECT label, files FROM `main`.`governance`.`docs_metadata_files_per_label`")
        #expect(perLabel.contains { $0["label"] == "PII" && $0["files"] == "2" })
        let sensitive = try await workspace.query(
            "SELECT file_path FROM `main`.`governance`.`docs_metadata_sensitive_files`")
        #expect(sensitive.count == 3)
        let runs = try await workspace.query("SELECT status FROM `main`.`governance`.`docs_metadata_latest_runs`")
        #expect(runs.count == 2)

        // The bundle's dashboard datasets and alert queries run there too, with what the table says.
        let bundle = GovernanceBundle(
            configuration: MetadataConfiguration(
                catalog: "main", schema: "governance", table: "docs_metadata",
                backend: .databricks(warehouseID: WorkspaceStandIn.warehouseID)))
        var answers: [String: [[String: String]]] = [:]
        for dataset in bundle.dashboard.datasets {
            answers[dataset.name] = try await workspace.query(dataset.query)
        }
        #expect(answers["totals"]?.first?["files"] == "3" && answers["totals"]?.first?["files_with_findings"] == "3")
        #expect(answers["totals"]?.first.flatMap { $0["percent_classified"] }.flatMap(Double.init) == 100)
        #expect(answers["labels"]?.contains { $0["label"] == "PII" && $0["files"] == "2" } == true)
        #expect(answers["folders"]?.contains { $0["folder"] == "sub dir" && $0["files_with_findings"] == "1" } == true)
        #expect(answers["runs"]?.count == 2 && answers["sensitive_files"]?.count == 3)
        #expect(answers["changes"]?.count == 4 && answers["detectors"]?.isEmpty == false)
        var alerts: [String: String] = [:]
        for alert in bundle.alerts.alerts {
            alerts[alert.key] = try await workspace.query(alert.query).first?[alert.column]
        }
        #expect(alerts == ["run_failed": "0", "new_findings": "0", "coverage_drop": "100.0"])
    }

    @Test func aRejectedTokenExits2AndRecordsTheRun() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "a")
        let (result, _) = try await SyncHarness.withEmulator {
            try await harness.sync(url: $0, ["DXR_API_TOKEN": "bad-marker-91"])
        }
        #expect(result.status == 2)
        #expect(result.standardError.contains("rejected the API token"))
        #expect(!(result.standardOutput + result.standardError).contains("bad-marker-91"))
        #expect(try await harness.rows()["a.txt"]?.status == .failed)
        #expect(try await harness.runs().first?.status == .failed)
    }

    @Test func aStoreThatCannotBeOpenedExits3BeforeAnyUpload() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "a")
        try harness.work.makeDirectory("a-folder.sqlite")
        let (result, stats) = try await SyncHarness.withEmulator {
            try await harness.sync(url: $0, ["METADATA_SQLITE_PATH": harness.work.url("a-folder.sqlite").path])
        }
        #expect(result.status == 3)
        #expect(result.standardError.hasPrefix("dxrsync: "))
        #expect(stats.receivedParts == 0)
    }

    @Test func sigtermStopsGracefullyAndWritesTheLedger() async throws {
        let harness = SyncHarness()
        for index in 0..<12 { try harness.write("f\(index).txt", "file \(index)") }
        var slow = SyncHarness.fastFaults
        slow.jobLatency = .milliseconds(400)
        let (result, _) = try await SyncHarness.withEmulator(faults: slow) { url in
            try await harness.syncAndSignal(
                url: url, extra: ["DXR_MAX_FILES_PER_JOB": "1", "DXR_MAX_CONCURRENT_JOBS": "1"],
                signal: SIGTERM, after: .milliseconds(1200))
        }
        #expect(result == 3)
        let rows = try await harness.rows()
        #expect(rows.count == 12)
        #expect(rows.values.contains { $0.statusReason?.contains("interrupted") == true })
        #expect(try await harness.runs().first?.status == .interrupted)
    }

    @Test func aRunKilledHardIsCompletedByTheRerun() async throws {
        let killed = SyncHarness()
        let reference = SyncHarness()
        for harness in [killed, reference] {
            for index in 0..<16 {
                try harness.write(
                    "d\(index % 3)/f\(index).txt",
                    index % 2 == 0 ? "mail p\(index)@example.com" : "card 4111 1111 1111 1111")
            }
        }
        var slow = SyncHarness.fastFaults
        slow.jobLatency = .milliseconds(300)
        let settings = ["DXR_MAX_FILES_PER_JOB": "2", "DXR_MAX_CONCURRENT_JOBS": "2"]
        let (status, _) = try await SyncHarness.withEmulator(faults: slow) { url in
            try await killed.syncAndSignal(
                url: url, extra: settings, signal: SIGKILL, after: .milliseconds(1000))
        }
        #expect(status == 128 + SIGKILL || status == -1 || status == SIGKILL)
        let partial = try await killed.rows()
        #expect(partial.count < 16)

        let (rerun, _) = try await SyncHarness.withEmulator { try await killed.sync(url: $0, settings) }
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let (uninterrupted, _) = try await SyncHarness.withEmulator { try await reference.sync(url: $0, settings) }
        #expect(uninterrupted.status == 0)

        func essence(_ rows: [String: FileRecord]) -> [String: String] {
            rows.mapValues { "\($0.status.rawValue)|\($0.labels)|\($0.annotators)|\($0.deletedAt == nil)" }
        }
        let completed = try await killed.rows()
        #expect(try await killed.rowCount() == 16)
        #expect(essence(completed) == essence(try await reference.rows()))
    }
}
