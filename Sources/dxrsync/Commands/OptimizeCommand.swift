import ArgumentParser
import Databricks
import SyncCore

/// `dxrsync optimize`: compact the Delta metadata table's data files.
struct OptimizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Compact the Delta metadata table's data files (OPTIMIZE); rows do not change.",
        discussion: """
            Every sync's MERGEs leave small data files, and every sync reads its stored state by scanning \
            each data file of the table once: compaction makes that fewer files. Runs OPTIMIZE on the \
            metadata table and its label history, through the SQL warehouse or the cluster's Spark \
            session, and prints how many files each went from and to. The SQLite store has no data files: \
            there it does nothing. The bundle's partitioned job runs it when its `optimize` variable is true.

            \(VariableHelp.section(for: .store))
            """
    )

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @OptionGroup var configuration: ConfigurationArguments

    func run() async throws {
        let config = try configuration.loadPlan(for: Self.self)
        let logger = SyncRunner.logger(debug: config.debug)
        let results = try await SyncRunner.withStore(for: config, logger: logger) { store -> [OptimizedTable] in
            guard let delta = store as? DeltaMetadataStore else { return [] }
            try await delta.prepare()
            return try await delta.optimize()
        }
        if json {
            FileHandleOutput.standardOutput.write(try SortedJSON.text(["tables": results]) + "\n")
        } else if results.isEmpty {
            FileHandleOutput.standardOutput.write("The SQLite store keeps no data files: nothing to optimize.\n")
        } else {
            FileHandleOutput.standardOutput.write(results.map(\.description).joined(separator: "\n") + "\n")
        }
    }
}
