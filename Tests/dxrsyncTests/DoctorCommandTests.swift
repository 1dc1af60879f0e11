import DXREmulator
import Databricks
import Foundation
import HTTPSupport
import Logging
import SyncCore
import TestSupport
import Testing

/// `dxrsync doctor` against each broken setup the stand-ins can produce names that problem and
/// nothing else, with the exit code it stands for; against a good setup it prints only ok lines.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct DoctorCommandTests {
    /// The lines of `doctor`'s output that are not ok.
    static func problems(_ result: ProcessResult) -> [String] {
        result.standardOutput.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("ok") }
    }

    func doctor(_ harness: SyncHarness, url: String, _ extra: [String: String] = [:]) async throws -> ProcessResult {
        var environment = harness.environment(url: url, extra)
        environment["DXR_CONNECT_TIMEOUT_SECONDS"] = "1"
        return try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, ["doctor"], environment: environment.filter { !$0.value.isEmpty },
            workingDirectory: harness.work.path)
    }

    @Test func aGoodSetupGivesOnlyOkLinesAndTheBrokenOnesNameTheirProblem() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "mail avery@example.com")
        let (results, statistics) = try await SyncHarness.withEmulator { url in
            [
                try await doctor(harness, url: url),
                try await doctor(harness, url: url, ["DXR_API_TOKEN": "wrong-token"]),
                try await doctor(harness, url: url, ["DXR_DATASOURCE_ID": "99"]),
                try await doctor(harness, url: url, ["VOLUME_NAME": "missing"]),
            ]
        }
        let (good, wrongToken, unknownDatasource, missingVolume) = (results[0], results[1], results[2], results[3])
        #expect(good.status == 0, "\(good.standardOutput)\(good.standardError)")
        #expect(Self.problems(good).isEmpty, "\(good.standardOutput)")
        for check in ["dxr.reachable", "dxr.token", "dxr.datasource", "dxr.rules", "volume.list", "volume.read"] {
            #expect(good.standardOutput.contains(check), "\(check) missing from \(good.standardOutput)")
        }
        #expect(good.standardOutput.contains("store.table"))
        #expect(statistics.jobsSubmitted == 0, "doctor uploads nothing")
        #expect(!FileManager.default.fileExists(atPath: harness.databasePath), "doctor writes nothing")

        #expect(wrongToken.status == 2)
        #expect(Self.problems(wrongToken).count == 1)
        #expect(Self.problems(wrongToken).first?.hasPrefix("failed  dxr.token") == true, "\(wrongToken.standardOutput)")

        #expect(unknownDatasource.status == 2)
        #expect(Self.problems(unknownDatasource).count == 1)
        #expect(Self.problems(unknownDatasource).first?.contains("DXR has no datasource 99") == true)

        #expect(missingVolume.status == 2)
        #expect(Self.problems(missingVolume).count == 1)
        #expect(Self.problems(missingVolume).first?.hasPrefix("failed  volume.list") == true)
        #expect(Self.problems(missingVolume).first?.contains("does not exist") == true)
    }

    @Test func aDXRThatDoesNotAnswerIsNamedWithExitCode3() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "a")
        let result = try await doctor(harness, url: "http://127.0.0.1:9")
        #expect(result.status == 3, "\(result.standardOutput)\(result.standardError)")
        #expect(Self.problems(result).count == 1)
        let line = try #require(Self.problems(result).first)
        #expect(line.hasPrefix("failed  dxr.reachable"))
        #expect(line.contains("DXR at http://127.0.0.1:9 gave no HTTP answer"))
        #expect(line.contains("check DXR_BASE_URL"))
    }

    @Test func theWorkspaceProblemsAreNamedOneByOne() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "a")
        let warehouseRoot = harness.work.url("warehouse").path
        let workspace = try WorkspaceStandIn(
            root: harness.base.path, token: "pat-doctor", secrets: ["dxr/token": SyncHarness.token],
            warehouseRoot: warehouseRoot)
        try workspace.createSchema(catalog: "main", schema: "hr")
        let delta = [
            "DATABRICKS_HOST": workspace.url, "DATABRICKS_TOKEN": "pat-doctor",
            "DATABRICKS_WAREHOUSE_ID": WorkspaceStandIn.warehouseID, "METADATA_SQLITE_PATH": "",
        ]
        let (results, _) = try await SyncHarness.withEmulator { url in
            let good = try await doctor(
                harness, url: url,
                delta.merging(["DXR_API_TOKEN": "", "DXR_SECRET_SCOPE": "dxr", "DXR_SECRET_KEY": "token"]) { $1 })
            let missingSecret = try await doctor(
                harness, url: url,
                delta.merging(["DXR_API_TOKEN": "", "DXR_SECRET_SCOPE": "dxr", "DXR_SECRET_KEY": "gone"]) { $1 })
            try await Self.createMismatchedTable(workspace)
            let otherSchema = try await doctor(harness, url: url, delta.merging(["METADATA_TABLE": "odd"]) { $1 })
            return [good, missingSecret, otherSchema]
        }
        let (good, missingSecret, otherSchema) = (results[0], results[1], results[2])
        #expect(good.status == 0, "\(good.standardOutput)\(good.standardError)")
        #expect(Self.problems(good).isEmpty, "\(good.standardOutput)")
        #expect(good.standardOutput.contains("dxr.secret"))
        #expect(good.standardOutput.contains("store.warehouse"))
        #expect(good.standardOutput.contains("does not exist yet; a run creates it"))

        #expect(missingSecret.status == 2, "\(missingSecret.standardOutput)")
        #expect(Self.problems(missingSecret).count == 1)
        #expect(Self.problems(missingSecret).first?.hasPrefix("failed  dxr.secret") == true)
        #expect(Self.problems(missingSecret).first?.contains("gone") == true)
        #expect(!missingSecret.standardOutput.contains(SyncHarness.token))

        #expect(otherSchema.status == 2, "\(otherSchema.standardOutput)")
        #expect(Self.problems(otherSchema).count == 1)
        #expect(Self.problems(otherSchema).first?.hasPrefix("failed  store.table") == true)
        #expect(Self.problems(otherSchema).first?.contains("file_size is STRING, expected BIGINT") == true)
        #expect(try workspace.statements(containing: "CREATE").count == 1, "doctor creates nothing")
    }

    @Test func aStoppedWarehouseIsAWarning() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "a")
        let workspace = try WorkspaceStandIn(
            root: harness.base.path, token: "pat-doctor", warehouseRoot: harness.work.url("warehouse").path,
            warehouseState: "STOPPED")
        try workspace.createSchema(catalog: "main", schema: "hr")
        let (result, _) = try await SyncHarness.withEmulator { url in
            try await doctor(
                harness, url: url,
                [
                    "DATABRICKS_HOST": workspace.url, "DATABRICKS_TOKEN": "pat-doctor",
                    "DATABRICKS_WAREHOUSE_ID": WorkspaceStandIn.warehouseID, "METADATA_SQLITE_PATH": "",
                ])
        }
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(Self.problems(result).count == 1)
        #expect(Self.problems(result).first?.hasPrefix("warning store.warehouse") == true, "\(result.standardOutput)")
        #expect(Self.problems(result).first?.contains("is STOPPED") == true)
    }

    /// A table whose `file_size` is text: dxrsync cannot write its rows.
    static func createMismatchedTable(_ workspace: WorkspaceStandIn) async throws {
        let configuration = DatabricksConfiguration(host: URL(string: workspace.url), token: Secret("pat-doctor"))
        try await WorkspaceConnection.withConnection(
            configuration, retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20)),
            logger: Logger.quiet("doctor-test")
        ) { client in
            _ = try await SQLWarehouse(client: client, warehouseID: WorkspaceStandIn.warehouseID).execute(
                "CREATE TABLE `main`.`hr`.`odd` (file_path STRING, file_size STRING, labels ARRAY<STRING>) USING DELTA")
        }
    }
}
