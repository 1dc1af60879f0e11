import ArgumentParser
import Foundation
import ReportPage
import SyncCore

/// `dxrsync report`: what the metadata table says about the volume, as text, JSON or a page.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Print files and bytes by status, coverage, label, detector and category, coverage by folder, the files "
            + "behind each label, and the latest runs; or write them as one HTML page.",
        discussion: """
            --html writes a self-contained page (no network needed to view it) with the same figures as charts: \
            coverage, labels, detectors, a folder tree coloured by the share of files with findings, the runs \
            over time, what changed in the latest run (or since --since), and a table of files with findings \
            that filters by label and folder.

            \(VariableHelp.section(for: .store))
            """
    )

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Write the report as one self-contained HTML page to this file.", valueName: "file"))
    var html: String?

    @Option(help: "How many runs of the ledger to show.")
    var runs = ReportQuery.defaultRuns

    @Option(
        help: ArgumentHelp(
            "How many files to list per label and with findings, the rest counted (default "
                + "\(ReportQuery.defaultFilesPerLabel); \(ReportQuery.defaultFilesPerLabelOnPage) with --html).",
            valueName: "n"))
    var files: Int?

    @Option(
        help: ArgumentHelp(
            "Also show the labels added and removed in this period, for example 7d, 24h or 2w (with --html, "
                + "the latest run's changes unless given).", valueName: "age"))
    var since: String?

    @OptionGroup var configuration: ConfigurationArguments

    func validate() throws {
        guard runs >= 0, (files ?? 0) >= 0 else { throw ValidationError("--runs and --files must not be negative") }
        if let since, SettingParsers.age(since) == nil {
            throw ValidationError("--since '\(since)' must be an age such as 7d, 24h or 2w")
        }
    }

    func run() async throws {
        let config = try configuration.loadPlan(for: Self.self)
        let now = Date()
        let report = try await SyncRunner.withStore(for: config, logger: SyncRunner.logger(debug: config.debug)) {
            store in
            try await store.prepare()
            var start = since.flatMap(SettingParsers.age).map { now.addingTimeInterval(-$0) }
            if html != nil, start == nil { start = try await store.recentRuns(limit: 1).first?.startedAt }
            return try await store.report(
                ReportQuery(
                    scope: config.reportScope,
                    filesPerLabel: files
                        ?? (html == nil ? ReportQuery.defaultFilesPerLabel : ReportQuery.defaultFilesPerLabelOnPage),
                    runs: runs,
                    since: start, now: now))
        }
        if let html {
            try ReportPage(report: report, generatedAt: now).write(to: html)
            if !json { FileHandleOutput.standardOutput.write("wrote \(html)\n") }
        }
        if json || html == nil {
            FileHandleOutput.standardOutput.write((json ? try SortedJSON.text(report) : report.text) + "\n")
        }
    }
}
