import ArgumentParser
import Foundation
import Logging
import SyncCore

/// `dxrsync sync`: the scheduled job.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract:
            "Classify new and changed files of the volume with DXR and merge one row per file into the metadata table.",
        discussion: """
            Unchanged files (same size and modification time as a CLASSIFIED row) are not uploaded again; \
            FAILED rows are retried; files gone from a complete listing are tombstoned (deleted_at), unless \
            more than DXRSYNC_MAX_TOMBSTONE_RATIO of the rows would be. A failed or interrupted attempt keeps \
            the file's last good classification. SIGINT or SIGTERM stops new uploads, records unfinished files \
            as FAILED and writes the run ledger.

            With DXRSYNC_WEBHOOK_URL, the summary is also posted there as JSON.

            \(VariableHelp.exitCodes)

            \(VariableHelp.section(for: [.plan, .sync, .store]))
            """
    )

    @Flag(help: "Reclassify every file, changed or not.")
    var full = false

    @Flag(
        help:
            "Tombstone the rows of every file a complete listing no longer shows, however many (see DXRSYNC_MAX_TOMBSTONE_RATIO)."
    )
    var allowMassDelete = false

    @Flag(help: "Print the run summary as one JSON object instead of text.")
    var json = false

    @OptionGroup var part: PartOption

    @OptionGroup var configuration: ConfigurationArguments

    func run() async throws {
        var config = try configuration.loadSync(for: Self.self, flags: part.flags)
        config.policy.allowMassDelete = allowMassDelete
        let logger = SyncRunner.logger(debug: config.plan.debug)
        if let estate = config.plan.estate {
            try await runEstate(config, estate: estate, logger: logger)
            return
        }
        let webhook = config.webhook.map {
            RunWebhook(url: $0, scope: config.plan.volume.scope.rootPath, logger: logger)
        }
        let summary: RunSummary
        do {
            summary = try await SyncRunner.run(config, full: full, logger: logger)
        } catch {
            await webhook?.post(failure: error)
            throw error
        }
        await webhook?.post(summary)
        FileHandleOutput.standardOutput.write((json ? try SortedJSON.text(summary) : summary.text) + "\n")
        if let error = summary.error { printError("dxrsync: run stopped: \(error)") }
        if summary.exitStatus != .success { throw ExitCode(summary.exitStatus.rawValue) }
    }

    /// Every volume of `DXRSYNC_SCOPE`, one after the other; the webhook hears each volume's summary.
    private func runEstate(_ config: SyncConfiguration, estate: EstateScope, logger: Logger) async throws {
        let summary = try await SyncRunner.runEstate(config, estate: estate, full: full, logger: logger)
        if let url = config.webhook {
            for run in summary.runs { await RunWebhook(url: url, scope: run.scope, logger: logger).post(run) }
        }
        FileHandleOutput.standardOutput.write((json ? try SortedJSON.text(summary) : summary.text) + "\n")
        if summary.exitStatus != .success { throw ExitCode(summary.exitStatus.rawValue) }
    }
}
