import ArgumentParser
import Databricks
import Foundation
import GovernanceBundle
import SyncCore

/// `dxrsync views`: create the governance views next to the Delta metadata table.
struct ViewsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "views",
        abstract: "Create (or, with --print, print) the governance views over the Delta metadata table.",
        discussion: """
            Seven views named after the table: <table>_file_labels (effective labels per file, with when each was \
            first detected), <table>_files_per_label, <table>_sensitive_files, <table>_coverage, \
            <table>_label_changes, <table>_duplicates and <table>_latest_runs. They are created with CREATE OR \
            REPLACE VIEW through the store's executor (the job cluster's Spark session under run_dxrsync.py, or \
            the SQL warehouse), after making sure the table and its ledger exist.

            --write-bundle DIR writes the bundle's AI/BI dashboard (governance.lvdash.json) and SQL alerts \
            (governance.yml) over these views for this table into DIR, without contacting anything.

            \(VariableHelp.section(for: .store))
            """
    )

    @Flag(help: "Print the SQL instead of running it (no workspace needed).")
    var print = false

    @Option(
        help: ArgumentHelp(
            "Write the bundle's dashboard and alerts for this table into this folder (no workspace needed).",
            valueName: "dir"))
    var writeBundle: String?

    @OptionGroup var configuration: ConfigurationArguments

    func run() async throws {
        let config = try configuration.loadPlan(for: Self.self)
        let views = GovernanceViews(configuration: config.metadata)
        if let writeBundle {
            try GovernanceBundle(configuration: config.metadata).write(to: writeBundle)
            FileHandleOutput.standardOutput.write(
                "wrote \(writeBundle)/\(GovernanceBundle.dashboardFile) and \(writeBundle)/\(GovernanceBundle.resourcesFile) "
                    + "for \(config.metadata.qualifiedName)\n")
            return
        }
        if print {
            FileHandleOutput.standardOutput.write(views.script)
            return
        }
        if case .sqlite = config.metadata.backend {
            throw UsageError(
                "the governance views are Databricks SQL over the Delta table; run under run_dxrsync.py on a cluster "
                    + "(METADATA_BACKEND=spark) or set DATABRICKS_WAREHOUSE_ID (METADATA_BACKEND=databricks), "
                    + "or use --print")
        }
        let logger = SyncRunner.logger(debug: config.debug)
        try await Workspaces.withWorkspace(if: SyncRunner.needsWorkspace(config), config.databricks, logger: logger) {
            workspace in
            try await SyncRunner.store(for: config, workspace: workspace, logger: logger).prepare()
            guard let executor = SyncRunner.executor(for: config, workspace: workspace) else { return }
            for view in views.views {
                _ = try await executor.execute(view.statement)
                FileHandleOutput.standardOutput.write(
                    "created \(config.metadata.catalog).\(config.metadata.schema).\(view.name)\n")
            }
        }
    }
}
