import ArgumentParser
import Foundation
import SyncCore

/// `dxrsync report`: what the metadata table says about the volume.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Print files and bytes by status, label, detector and category, coverage by folder, the files behind each "
            + "label, and the latest runs.",
        discussion: VariableHelp.section(for: .store)
    )

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: "How many runs of the ledger to show.")
    var runs = 10

    @Option(help: "How many files to list per label (the rest are counted).")
    var files = 20

    @Option(
        help: ArgumentHelp(
            "Also show the labels added and removed in this period, for example 7d, 24h or 2w.", valueName: "age"))
    var since: String?

    @OptionGroup var configuration: ConfigurationArguments

    func validate() throws {
        guard runs >= 0, files >= 0 else { throw ValidationError("--runs and --files must not be negative") }
        if let since, SettingParsers.age(since) == nil {
            throw ValidationError("--since '\(since)' must be an age such as 7d, 24h or 2w")
        }
    }

    func run() async throws {
        let config = try configuration.loadPlan(for: Self.self)
        let now = Date()
        let query = ReportQuery(
            scope: config.volume.scope.rootPath, filesPerLabel: files, runs: runs,
            since: since.flatMap(SettingParsers.age).map { now.addingTimeInterval(-$0) }, now: now)
        let report = try await SyncRunner.withStore(for: config, logger: SyncRunner.logger(debug: config.debug)) {
            store in
            try await store.prepare()
            return try await store.report(query)
        }
        FileHandleOutput.standardOutput.write((json ? try SortedJSON.text(report) : report.text) + "\n")
    }
}
