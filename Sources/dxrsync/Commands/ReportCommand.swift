import ArgumentParser
import Foundation
import SyncCore

/// `dxrsync report`: what the metadata table says about the volume.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print counts by status, label and detector, the files behind each label, and the latest runs.",
        discussion: VariableHelp.section(for: .store)
    )

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: "How many runs of the ledger to show.")
    var runs = 10

    @OptionGroup var configuration: ConfigurationArguments

    func run() async throws {
        let config = try configuration.loadPlan(for: Self.self)
        let runs = runs
        let report = try await SyncRunner.withStore(for: config, logger: SyncRunner.logger(debug: config.debug)) {
            store in
            try await store.prepare()
            return StoreReport(
                table: store.tableDescription,
                records: try await store.records(under: config.volume.scope.rootPath + "/"),
                runs: try await store.recentRuns(limit: runs))
        }
        FileHandleOutput.standardOutput.write((json ? try SortedJSON.text(report) : report.text) + "\n")
    }
}
