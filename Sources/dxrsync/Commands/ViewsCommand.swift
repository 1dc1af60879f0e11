import ArgumentParser
import Databricks
import Foundation
import SyncCore

/// `dxrsync views`: create the governance views next to the Delta metadata table.
struct ViewsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "views",
        abstract: "Create (or, with --print, print) the governance views over the Delta metadata table.",
        discussion: """
            Four views named after the table: <table>_files_per_label, <table>_sensitive_files, \
            <table>_coverage and <table>_latest_runs. They are created with CREATE OR REPLACE VIEW through \
            the SQL warehouse (METADATA_BACKEND=databricks), after making sure the table and its ledger exist.

            \(VariableHelp.section(for: .store))
            """
    )

    @Flag(help: "Print the SQL instead of running it (no workspace needed).")
    var print = false

    @OptionGroup var configuration: ConfigurationArguments

    func run() async throws {
        let config = try configuration.loadPlan(for: Self.self)
        let views = GovernanceViews(configuration: config.metadata)
        if print {
            FileHandleOutput.standardOutput.write(views.script)
            return
        }
        guard case .databricks = config.metadata.backend else {
            throw UsageError(
                "the governance views are Databricks SQL over the Delta table; set DATABRICKS_WAREHOUSE_ID "
                    + "(METADATA_BACKEND=databricks), or use --print")
        }
        let logger = SyncRunner.logger(debug: config.debug)
        try await Workspaces.withWorkspace(if: true, config.databricks, logger: logger) { workspace in
            guard let workspace, case .databricks(let warehouseID) = config.metadata.backend else { return }
            let store = try SyncRunner.store(for: config, workspace: workspace, logger: logger)
            try await store.prepare()
            let warehouse = SQLWarehouse(client: workspace, warehouseID: warehouseID)
            for view in views.views {
                _ = try await warehouse.execute(view.statement)
                FileHandleOutput.standardOutput.write(
                    "created \(config.metadata.catalog).\(config.metadata.schema).\(view.name)\n")
            }
        }
    }
}
