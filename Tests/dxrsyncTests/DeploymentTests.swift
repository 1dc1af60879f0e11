import DXREmulator
import Foundation
import GovernanceBundle
import SyncCore
import TestSupport
import Testing

/// `deploy/databricks/`: the bundle, the task wrapper and the governance views' SQL.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct DeploymentTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let deploy = repository.appendingPathComponent("deploy/databricks")
    static let wrapper = deploy.appendingPathComponent("run_dxrsync.py").path

    struct BundleFacts: Decodable {
        struct Variable: Decodable {
            var description: String?
        }
        struct JobFacts: Decodable {
            var files: [String]
            var environment: [String: String]
            var parameters: [String: [String]]
            var paused: String?
            var notifications: [String]?
            var forEachInputs: String?
            var dependsOn: [String: [String]]
            /// The environment of tasks that run on a cluster of their own.
            var taskEnvironment: [String: [String: String]]
            var notebookParameters: [String: [String: String]]
            /// Per task: `own` (a new cluster of its own), a job cluster's key, or `none`.
            var taskClusters: [String: String]

            enum CodingKeys: String, CodingKey {
                case files, environment, parameters, paused, notifications
                case forEachInputs = "for_each_inputs"
                case dependsOn = "depends_on"
                case taskEnvironment = "task_environment"
                case notebookParameters = "notebook_parameters"
                case taskClusters = "task_clusters"
            }

            /// The task that syncs: `sync`, or the for-each's `part`.
            var syncTask: String { parameters["sync"] == nil ? "part" : "sync" }

            /// The settings a task's dxrsync reads: its `KEY=value` parameters over the environment
            /// of the cluster it runs on.
            func settings(task: String) -> [String: String] {
                let environment = taskEnvironment[task] ?? environment
                let parameters = Dictionary(
                    self.parameters[task, default: []].compactMap { item -> (String, String)? in
                        let parts = item.split(separator: "=", maxSplits: 1)
                        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
                    }, uniquingKeysWith: { first, _ in first })
                return environment.merging(parameters) { _, parameter in parameter }
            }
        }
        struct DashboardFacts: Decodable {
            var file: String
            var datasets: [String: String]
        }
        struct AlertFacts: Decodable {
            var query: String
            var column: String
            var destinations: [String]
            var warehouseID: String

            enum CodingKeys: String, CodingKey {
                case query, column, destinations
                case warehouseID = "warehouse_id"
            }
        }
        var variables: [String: Variable]
        var errors: [String]
        var targets: [String]
        var include: [String]
        var syncInclude: [String]
        var jobs: [String: JobFacts]
        var dashboards: [String: DashboardFacts]
        var alerts: [String: AlertFacts]

        enum CodingKeys: String, CodingKey {
            case variables, errors, targets, jobs, include, dashboards, alerts
            case syncInclude = "sync_include"
        }
    }

    static func bundleFacts() throws -> BundleFacts {
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            [
                try StandInPython.executable(), WorkspaceStandIn.scripts.appendingPathComponent("check_bundle.py").path,
                deploy.appendingPathComponent("databricks.yml").path,
            ])
        #expect(result.status == 0, "\(result.standardError)")
        return try JSONDecoder().decode(BundleFacts.self, from: Data(result.standardOutput.utf8))
    }

    @Test func theBundleIsValidReferencesItsFilesAndSetsEveryRequiredVariable() throws {
        let facts = try Self.bundleFacts()
        #expect(facts.errors.isEmpty)
        #expect(facts.targets == ["dev", "prod"])
        #expect(Set(facts.jobs.keys) == ["dxrsync", "dxrsync_partitioned", "dxrsync_warehouse"])
        // The shipped binary is what scripts/build-release.sh writes by default.
        #expect(facts.syncInclude == ["dxrsync"])
        let script = try String(
            contentsOf: Self.repository.appendingPathComponent("scripts/build-release.sh"), encoding: .utf8)
        #expect(script.contains("output=${1:-deploy/databricks/dxrsync}"))
        #expect(FileManager.default.fileExists(atPath: Self.deploy.appendingPathComponent("dxrsync_bridge.py").path))

        for (name, job) in facts.jobs {
            #expect(job.paused == "PAUSED", "\(name)")
            #expect(job.notifications?.isEmpty == false, "\(name)")
            for file in job.files {
                #expect(
                    FileManager.default.fileExists(atPath: Self.deploy.appendingPathComponent(file).path), "\(file)")
            }
            // Every variable the tool requires is set, in the environment or as a KEY=value
            // parameter, from a bundle variable that is documented.
            let settings = job.settings(task: job.syncTask)
            for variable in ConfigurationVariable.all where variable.isRequired {
                let value = try #require(settings[variable.name], "\(variable.name) is not set by \(name)")
                for reference in value.matches(of: /\$\{var\.([a-z_]+)\}/) {
                    let variable = String(reference.output.1)
                    #expect(facts.variables[variable]?.description?.isEmpty == false, "\(variable) is undocumented")
                }
            }
            #expect(settings["DXR_API_TOKEN"] != nil || settings["DXR_SECRET_SCOPE"] != nil, "\(name)")
            // `doctor` runs first, on the volume the sync lists, and the sync waits for it.
            let firstAfterDoctor = job.parameters["sync"] == nil ? "partition" : "sync"
            #expect(job.dependsOn[firstAfterDoctor] == ["doctor"], "\(name)")
            #expect(job.dependsOn["doctor"] == [], "\(name)")
            let doctor = job.parameters["doctor", default: []]
            #expect(doctor.first == "doctor", "\(name)")
            #expect(
                Set(doctor.dropFirst())
                    == Set(
                        job.parameters[job.syncTask, default: []].filter {
                            $0.hasPrefix("VOLUME_")
                        }), "\(name)")
            // Secrets only as secret references, never as values.
            for variable in ConfigurationVariable.all where variable.isSecret {
                if let value = settings[variable.name] {
                    #expect(value.wholeMatch(of: /\{\{secrets\/.+\/.+\}\}/) != nil, "\(name): \(variable.name)")
                }
            }
        }

        // The default job is the playbook's: the cluster's Spark session and dbutils, nothing else.
        let cluster = try #require(facts.jobs["dxrsync"]).settings(task: "sync")
        #expect(cluster["METADATA_BACKEND"] == "spark")
        #expect(cluster["DXR_SECRET_SCOPE"] == "${var.dxr_secret_scope}" && cluster["DXR_API_TOKEN"] == nil)
        for absent in ["DATABRICKS_WAREHOUSE_ID", "DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_CLIENT_ID"] {
            #expect(cluster[absent] == nil, "\(absent)")
        }
        let warehouse = try #require(facts.jobs["dxrsync_warehouse"]).settings(task: "sync")
        #expect(warehouse["METADATA_BACKEND"] == "databricks")
        #expect(warehouse["DATABRICKS_WAREHOUSE_ID"] == "${var.warehouse_id}")

        // The partitioned variant: a planning notebook hands the parts to a for-each whose
        // iterations each run the same sync on a cluster of their own, restricted to one part.
        let partitioned = try #require(facts.jobs["dxrsync_partitioned"])
        #expect(partitioned.forEachInputs == "{{tasks.partition.values.parts}}")
        #expect(partitioned.dependsOn["parts"] == ["partition"] && partitioned.dependsOn["views"] == ["parts"])
        // OPTIMIZE, when the `optimize` variable says so: on the condition task's "true" outcome.
        #expect(partitioned.dependsOn["optimize"] == ["optimize_wanted"])
        #expect(partitioned.parameters["optimize"]?.first == "optimize")
        #expect(facts.variables["optimize"]?.description?.isEmpty == false)
        #expect(partitioned.taskClusters["part"] == "own" && partitioned.taskClusters["partition"] == "dxrsync")
        let partTask = partitioned.parameters["part", default: []]
        #expect(partTask.contains("DXRSYNC_PART={{input}}"))
        #expect(
            Set(partTask).subtracting(["DXRSYNC_PART={{input}}"])
                == Set(facts.jobs["dxrsync"]?.parameters["sync"] ?? []))
        #expect(partitioned.taskEnvironment["part"] == facts.jobs["dxrsync"]?.environment)
        #expect(partitioned.environment == facts.jobs["dxrsync"]?.environment)
        let planning = partitioned.notebookParameters["partition", default: [:]]
        #expect(planning["count"] == "${var.part_count}")
        #expect(
            Set(planning.filter { $0.key != "count" }.map { "\($0.key)=\($0.value)" })
                == Set(facts.jobs["dxrsync"]?.parameters["sync"]?.dropFirst() ?? []))

        let text = try String(contentsOf: Self.deploy.appendingPathComponent("databricks.yml"), encoding: .utf8)
        #expect(text.firstMatch(of: /dapi[0-9a-f]{16,}|dose[0-9a-f]{16,}|eyJ[A-Za-z0-9_-]{20,}/) == nil)
    }

    /// The dashboard and the alerts: valid bundle resources, on the warehouse, notifying the
    /// destination, and exactly what `dxrsync views --write-bundle` writes for the example names.
    @Test func theDashboardAndAlertsAreValidAndWhatTheToolWrites() async throws {
        let facts = try Self.bundleFacts()
        #expect(facts.errors.isEmpty, "\(facts.errors)")
        #expect(facts.include == ["governance/governance.yml"])
        let dashboard = try #require(facts.dashboards["dxrsync_governance"])
        #expect(dashboard.file == "governance/governance.lvdash.json")
        #expect(dashboard.datasets.count == 9)
        #expect(dashboard.datasets["volumes"]?.contains("`main`.`governance`.`documents_metadata_volumes`") == true)
        #expect(dashboard.datasets.values.allSatisfy { $0.contains("`main`.`governance`.`documents_metadata") })
        #expect(Set(facts.alerts.keys) == ["dxrsync_run_failed", "dxrsync_new_findings", "dxrsync_coverage_drop"])
        for (name, alert) in facts.alerts {
            #expect(alert.destinations == ["${var.alert_destination_id}"], "\(name)")
            #expect(alert.warehouseID == "${var.warehouse_id}", "\(name)")
            #expect(alert.query.contains(" AS \(alert.column)"), "\(name)")
        }
        for variable in ["warehouse_id", "alert_destination_id", "alert_min_percent_classified", "alert_schedule"] {
            #expect(facts.variables[variable]?.description?.isEmpty == false, "\(variable)")
        }

        // What `views --write-bundle` writes, in process.
        let written = TemporaryDirectory("bundle")
        try GovernanceBundle(configuration: Self.exampleTable).write(to: written.path)
        for file in ["governance.lvdash.json", "governance.yml"] {
            let committed = try String(
                contentsOf: Self.deploy.appendingPathComponent("governance/\(file)"), encoding: .utf8)
            #expect(try String(contentsOf: written.url(file), encoding: .utf8) == committed, "\(file)")
        }
    }

    /// The table the committed files are written for: `VOLUME_CATALOG=main VOLUME_SCHEMA=governance
    /// VOLUME_NAME=documents`, read by the configuration loader as the `views` command reads it.
    static var exampleTable: MetadataConfiguration {
        get throws {
            try ConfigurationLoader.loadPlan(
                from: ConfigurationSources(
                    environment: ["VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "governance", "VOLUME_NAME": "documents"])
            ).metadata
        }
    }

    /// The committed SQL is what `dxrsync views --print` writes for the example names (in process).
    @Test func theCommittedViewsAreWhatTheToolCreates() throws {
        let script = GovernanceViews(configuration: try Self.exampleTable).script
        let committed = try String(
            contentsOf: Self.deploy.appendingPathComponent("sql/governance_views.sql"), encoding: .utf8)
        #expect(committed.hasSuffix(script))
        #expect(script.contains("CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_coverage`"))
    }

    func wrapperEnvironment(_ extra: [String: String]) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "DXRSYNC_BINARY": ProcessRunner.dxrsyncBinary].merging(extra) { $1 }
    }

    @Test func theWrapperForwardsArgumentsOutputAndExitCodes() async throws {
        let volume = TemporaryDirectory("wrapper-volume")
        try volume.write("main/hr/docs/a.txt", "hello")
        try volume.write("main/hr/docs/b/c.csv", "x,y")
        let plan = try await ProcessRunner.runDetached(
            "/usr/bin/env", ["python3", Self.wrapper, "plan", "--json", "VOLUME_NAME=docs"],
            environment: wrapperEnvironment([
                "VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_BASE_PATH": volume.path,
            ]))
        #expect(plan.status == 0, "\(plan.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any]
        #expect(json?["volume_path"] as? String == "/Volumes/main/hr/docs")

        // A configuration error exits 2 through the wrapper too, with dxrsync's message.
        let broken = try await ProcessRunner.runDetached(
            "/usr/bin/env", ["python3", Self.wrapper, "plan", "VOLUME_CATALOG=main", "VOLUME_SCHEMA=hr"],
            environment: wrapperEnvironment(["VOLUME_BASE_PATH": volume.path]))
        #expect(broken.status == 2)
        #expect(broken.standardError.contains("VOLUME_NAME"))

        // No binary: a clear message and exit 2.
        let missing = try await ProcessRunner.runDetached(
            "/usr/bin/env", ["python3", Self.wrapper, "--version"],
            environment: wrapperEnvironment(["DXRSYNC_BINARY": volume.path + "/nope"]))
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("DXRSYNC_BINARY"))
    }

    /// As the bundle ships it: the binary beside the wrapper, a sync against the DXR emulator.
    @Test func theWrapperRunsASyncWithTheBinaryBesideIt() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "mail avery@example.com")
        try harness.write("b.txt", "nothing")
        let bundle = TemporaryDirectory("bundle")
        try FileManager.default.copyItem(atPath: Self.wrapper, toPath: bundle.url("run_dxrsync.py").path)
        try FileManager.default.copyItem(atPath: ProcessRunner.dxrsyncBinary, toPath: bundle.url("dxrsync").path)
        let (result, statistics) = try await SyncHarness.withEmulator { url in
            var environment = harness.environment(url: url)
            environment["DXRSYNC_BINARY"] = nil
            return try await ProcessRunner.runDetached(
                "/usr/bin/env", ["python3", bundle.url("run_dxrsync.py").path, "sync"], environment: environment,
                workingDirectory: harness.work.path)
        }
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("classified 2"))
        #expect(statistics.receivedParts == 2)
        #expect(try await harness.rows().count == 2)
    }
}
