import ArgumentParser
import Foundation
import SyncCore

/// `dxrsync sync`: the scheduled job.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract:
            "Classify new and changed files of the volume with DXR and merge one row per file into the metadata table.",
        discussion: """
            Unchanged files (same size and modification time as a CLASSIFIED row) are not uploaded again; \
            FAILED rows are retried; files gone from a complete listing are tombstoned (deleted_at). \
            SIGINT or SIGTERM stops new uploads, records unfinished files as FAILED and writes the run ledger.

            \(VariableHelp.section(for: [.plan, .sync, .store]))
            """
    )

    @Flag(help: "Reclassify every file, changed or not.")
    var full = false

    @OptionGroup var shard: ShardOption

    @OptionGroup var configuration: ConfigurationArguments

    func run() async throws {
        let config = try configuration.loadSync(for: Self.self, flags: shard.flags)
        let summary = try await SyncRunner.run(config, full: full, logger: SyncRunner.logger(debug: config.plan.debug))
        FileHandleOutput.standardOutput.write(summary.text + "\n")
        if let error = summary.error { printError("dxrsync: run stopped: \(error)") }
        if summary.exitStatus != .success { throw ExitCode(summary.exitStatus.rawValue) }
    }
}
