import Foundation
import SyncCore
import TestSupport
import Testing

/// The playbook's deployment, for real: `run_dxrsync.py` runs as a Databricks Python task would,
/// with a SparkSession whose `sql(text, args)` executes on the stand-in's Delta engine (analysed by
/// real pyspark in strict mode) and a `dbutils` that holds the DXR token; the binary reaches the
/// session through the wrapper's socket. No SQL warehouse, no Databricks token.
@Suite(.serialized, .tags(.endToEnd), .skippedInTheFastSet) struct SparkBridgeTests {
    static let scopeKey = "dxr/api-token"
    /// This suite's own DXR token: the watch over every process's arguments must not see another
    /// test's fixtures.
    static let token = "bridge-" + UUID().uuidString.lowercased()

    /// Runs the wrapper through `standin_spark.py` over `warehouse`, with `environment`; its
    /// `dbutils` holds the DXR token.
    func wrapper(
        _ arguments: [String], warehouse: String, environment: [String: String], workingDirectory: String,
        standIn: [String] = []
    ) async throws -> ProcessResult {
        let secrets = URL(fileURLWithPath: workingDirectory).appendingPathComponent("dbutils-secrets.json")
        try JSONSerialization.data(withJSONObject: [Self.scopeKey: Self.token]).write(to: secrets)
        var command = [
            try StandInPython.executable(), WorkspaceStandIn.scripts.appendingPathComponent("standin_spark.py").path,
            "--warehouse-root", warehouse, "--secrets", secrets.path,
        ]
        if let socket = try SparkCheckService.socket() { command += ["--strict-socket", socket] }
        return try await ProcessRunner.runDetached(
            "/usr/bin/env", command + standIn + ["--"] + arguments, environment: environment,
            workingDirectory: workingDirectory)
    }

    /// The folder of the cluster's Delta tables, with the metadata schema `main.hr` in it.
    static func clusterWarehouse(_ harness: SyncHarness) throws -> String {
        let folder = harness.work.url("cluster-warehouse").path
        try FileManager.default.createDirectory(atPath: folder + "/main/hr", withIntermediateDirectories: true)
        return folder
    }

    /// A Databricks cluster's environment for the wrapper: no token, no SQLite file, the binary
    /// beside it.
    static func clusterEnvironment(_ harness: SyncHarness, url: String) -> [String: String] {
        var environment = harness.environment(url: url)
        environment["DXR_API_TOKEN"] = nil
        environment["METADATA_SQLITE_PATH"] = nil
        environment["DATABRICKS_RUNTIME_VERSION"] = "15.4"
        environment["DXRSYNC_BINARY"] = ProcessRunner.dxrsyncBinary
        return environment
    }

    /// What must be the same whichever way the rows were written.
    static func essence(_ table: DeltaTableContents) -> [String: String] {
        table.rows(by: "file_path").mapValues { row in
            ["status", "labels", "tags", "categories", "annotators", "file_size", "relative_path", "attempts"]
                .map { "\(row[$0] ?? "nil")" }.joined(separator: "|")
        }
    }

    @Test func theClusterStoreWritesTheTableAWarehouseRunWritesAndKeepsTheTokenOutOfSight() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "mail avery@example.com")
        try harness.write("sub dir/card.csv", "card,4111 1111 1111 1111")
        try harness.write("x'); DROP TABLE t; --.txt", "ssn 123-45-6789")
        try harness.write("plain.md", "nothing")
        let clusterWarehouse = try Self.clusterWarehouse(harness)

        // On a cluster, under the wrapper, with only the secret scope: the cluster store and dbutils.
        let (runs, _) = try await SyncHarness.withEmulator(token: Self.token) { url in
            var environment = Self.clusterEnvironment(harness, url: url)
            environment["DXR_SECRET_SCOPE"] = "dxr"
            environment["DXR_SECRET_KEY"] = "api-token"
            let watch = ArgumentWatch(looking: Self.token)
            let sync = try await watch.during {
                try await wrapper(
                    ["VOLUME_NAME=docs", "--dxr-max-files-per-job", "2"], warehouse: clusterWarehouse,
                    environment: environment, workingDirectory: harness.work.path)
            }
            #expect(watch.processesSeen > 0)
            #expect(watch.leaks.isEmpty, "the token appeared in the arguments of \(watch.leaks)")
            let views = try await wrapper(
                ["views"], warehouse: clusterWarehouse, environment: environment,
                workingDirectory: harness.work.path)
            return [sync, views]
        }
        let (sync, views) = (runs[0], runs[1])
        #expect(sync.status == 0, "\(sync.standardError)")
        #expect(
            sync.standardOutput.contains("rows in Delta table main.hr.docs_metadata (the job cluster's Spark session)"))
        #expect(views.status == 0, "\(views.standardError)")
        #expect(views.standardOutput.contains("created main.hr.docs_metadata_coverage"))
        for output in [sync.standardOutput, sync.standardError, views.standardOutput, views.standardError] {
            #expect(!output.contains(Self.token))
        }
        #expect(!FileManager.default.fileExists(atPath: harness.databasePath))
        #expect(try Self.bytes(under: clusterWarehouse).range(of: Data(Self.token.utf8)) == nil)

        // The same volume through a SQL warehouse.
        let warehouseRoot = harness.work.url("warehouse").path
        let workspace = try WorkspaceStandIn(
            root: harness.base.path, token: "pat-bridge-3", warehouseRoot: warehouseRoot)
        try workspace.createSchema(catalog: "main", schema: "hr")
        let (viaWarehouse, _) = try await SyncHarness.withEmulator { url in
            try await harness.sync(
                url: url,
                [
                    "DATABRICKS_HOST": workspace.url, "DATABRICKS_TOKEN": "pat-bridge-3",
                    "DATABRICKS_WAREHOUSE_ID": WorkspaceStandIn.warehouseID, "DXR_MAX_FILES_PER_JOB": "2",
                ])
        }
        #expect(viaWarehouse.status == 0, "\(viaWarehouse.standardError)")

        let cluster = try WorkspaceStandIn.readTable(at: clusterWarehouse + "/main/hr/docs_metadata")
        let warehouse = try workspace.readTable(catalog: "main", schema: "hr", table: "docs_metadata")
        #expect(cluster.columns == warehouse.columns)
        #expect(cluster.rows.count == 4)
        #expect(Self.essence(cluster) == Self.essence(warehouse))
        #expect(Self.essence(cluster)["/Volumes/main/hr/docs/sub dir/card.csv"]?.contains("PCI") == true)
    }

    /// The partitioned job's planning notebook runs `dxrsync partition` through the wrapper, with
    /// the cluster's Spark session reading the table, and hands every part's `DXRSYNC_PART` value
    /// to the for-each as the task value `parts`.
    @Test func thePlanningNotebookHandsThePartsToTheForEachAsATaskValue() async throws {
        let harness = SyncHarness()
        for index in 0..<6 {
            try harness.write("a/f\(index).txt", "a \(index)")
            try harness.write("b/g\(index).txt", "b \(index)")
        }
        try harness.write("root.txt", "r")
        let clusterWarehouse = try Self.clusterWarehouse(harness)
        let widgets = harness.work.url("widgets.json")
        let taskValues = harness.work.url("task-values.json")
        try JSONSerialization.data(withJSONObject: [
            "count": "3", "VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs", "VOLUME_PREFIX": "",
            "DXRSYNC_EXCLUDE": "",
        ]).write(to: widgets)
        let notebook = DeploymentTests.deploy.appendingPathComponent("plan_parts.py").path
        let result = try await wrapper(
            [], warehouse: clusterWarehouse,
            environment: Self.clusterEnvironment(harness, url: "http://127.0.0.1:9"),
            workingDirectory: harness.work.path,
            standIn: ["--notebook", notebook, "--widgets", widgets.path, "--task-values", taskValues.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("3 parts of /Volumes/main/hr/docs: 13 files (counted from the listing)"))
        let values = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: taskValues)) as? [String: [String]])["parts"]
        #expect(values?.count == 3)
        let selections = try (values ?? []).flatMap { try JSONDecoder().decode([String].self, from: Data($0.utf8)) }
        #expect(Set(selections) == ["*", "a/**", "b/**"])
        for value in values ?? [] {
            let config = try ConfigurationLoader.loadPlan(
                from: ConfigurationSources(
                    environment: [
                        "VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs", "DXRSYNC_PART": value,
                    ]))
            #expect(config.selections.count == 1)
        }
    }

    /// The binary is the one parser of the job's parameters: a secret scope given after a flag
    /// (`sync --json DXR_SECRET_SCOPE=…`) reaches it, and the wrapper reads the token with
    /// `dbutils` when the binary asks for it, not when its own reading of the parameters finds a
    /// scope. A scope the job's `dbutils` does not hold is a configuration error naming it.
    @Test func theWrapperLeavesTheJobParametersToTheBinary() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "mail avery@example.com")
        let clusterWarehouse = try Self.clusterWarehouse(harness)
        let (runs, _) = try await SyncHarness.withEmulator(token: Self.token) { url in
            let environment = Self.clusterEnvironment(harness, url: url)
            let sync = try await wrapper(
                ["sync", "--json", "DXR_SECRET_SCOPE=dxr", "DXR_SECRET_KEY=api-token", "VOLUME_NAME=docs"],
                warehouse: clusterWarehouse, environment: environment, workingDirectory: harness.work.path)
            let unknown = try await wrapper(
                ["sync", "DXR_SECRET_SCOPE=dxr", "DXR_SECRET_KEY=missing", "VOLUME_NAME=docs"],
                warehouse: clusterWarehouse, environment: environment, workingDirectory: harness.work.path)
            let doctor = try await wrapper(
                ["doctor", "DXR_SECRET_SCOPE=dxr", "DXR_SECRET_KEY=api-token", "VOLUME_NAME=docs"],
                warehouse: clusterWarehouse, environment: environment, workingDirectory: harness.work.path)
            return [sync, unknown, doctor]
        }
        let (sync, unknown, doctor) = (runs[0], runs[1], runs[2])
        // The bundle's first task: on the cluster, through the wrapper, every check ok.
        #expect(doctor.status == 0, "\(doctor.standardOutput)\(doctor.standardError)")
        let lines = doctor.standardOutput.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("ok") }, "\(doctor.standardOutput)")
        for check in ["cluster.runtime", "dxr.secret", "dxr.datasource", "volume.read", "store.table"] {
            #expect(lines.contains { $0.contains(check) }, "\(check)")
        }
        #expect(sync.status == 0, "\(sync.standardError)")
        #expect(sync.standardOutput.hasPrefix("{"), "--json reached the binary: \(sync.standardOutput)")
        #expect(sync.standardOutput.contains("\"classified\":1"))
        #expect(unknown.status == 2, "\(unknown.standardError)")
        #expect(unknown.standardError.contains("secret scope 'dxr', key 'missing'"))
        for output in [sync.standardOutput, sync.standardError, unknown.standardError, doctor.standardOutput] {
            #expect(!output.contains(Self.token))
        }
    }

    /// On a Databricks cluster without the wrapper's session and without a warehouse, rows would
    /// go to a SQLite file that vanishes with the cluster: that is a configuration error.
    @Test func onAClusterWithoutTheWrapperOrAWarehouseNothingGoesToAThrowawayFile() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "a")
        var environment = harness.environment(url: "http://127.0.0.1:9")
        environment["METADATA_SQLITE_PATH"] = nil
        environment["DATABRICKS_RUNTIME_VERSION"] = "15.4"
        let result = try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, ["sync"], environment: environment, workingDirectory: harness.work.path)
        #expect(result.status == 2)
        #expect(result.standardError.contains("METADATA_BACKEND"))
        #expect(result.standardError.contains("run_dxrsync.py"))
        #expect(result.standardError.contains("DATABRICKS_WAREHOUSE_ID"))
    }

    static func bytes(under folder: String) throws -> Data {
        var data = Data()
        let files = FileManager.default.enumerator(atPath: folder)
        while let relative = files?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let path = folder + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                data.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            }
        }
        return data
    }
}

/// Watches the command lines of every process on the machine (`/proc/<pid>/cmdline`) while a body
/// runs, for a secret that must never appear in process arguments.
final class ArgumentWatch: @unchecked Sendable {
    private let secret: Data
    private let lock = NSLock()
    private var leaked: Set<String> = []
    private var seen = 0

    init(looking secret: String) { self.secret = Data(secret.utf8) }

    var leaks: [String] { lock.withLock { leaked.sorted() } }
    /// How many processes of the run (command lines naming dxrsync) were seen.
    var processesSeen: Int { lock.withLock { seen } }

    func during<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        let done = Flag()
        let watcher = Thread { [self] in
            while !done.isSet {
                scan()
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        watcher.start()
        defer { done.set() }
        return try await body()
    }

    private func scan() {
        guard let pids = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return }
        for pid in pids where pid.allSatisfy(\.isNumber) {
            guard let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
            let dxrsync = cmdline.range(of: Data("dxrsync".utf8)) != nil
            let leak = cmdline.range(of: secret) != nil
            lock.withLock {
                if dxrsync { seen += 1 }
                if leak { leaked.insert(pid) }
            }
        }
    }

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }
}
