import ArgumentParser
import Foundation
import SyncCore

/// `dxrsync partition`: split the scope into parts that run side by side, each listing only its folders.
struct PartitionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition",
        abstract: "Split the volume into parts of about equal files and bytes, for runs side by side.",
        discussion: """
            Each part is a set of folders (`folder/**`: the folder and everything below it; `folder/*`: only \
            the files directly in it), printed as the value of DXRSYNC_PART. A sync given a part lists only \
            its folders, reads only their rows and tombstones only inside them; the parts together cover \
            the volume exactly once and write the table one unpartitioned run writes. The sizes come from \
            the metadata table's rows (created if missing, as plan --incremental does) when it has any, and \
            from one listing of the volume otherwise; the folders being split are listed one level deep, so \
            new folders are never left out. Plan again before each run: the bundle's partitioned job does.

            \(VariableHelp.section(for: .plan))
            """
    )

    @Option(help: "How many parts (1-1000).")
    var count: Int

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Write the JSON object to this file instead (the bundle's planning task reads it).", valueName: "file"))
    var output: String?

    @OptionGroup var configuration: ConfigurationArguments

    func validate() throws {
        guard (1...1_000).contains(count) else { throw ValidationError("--count must be from 1 to 1000.") }
    }

    func run() async throws {
        let config = try configuration.loadPlan(for: Self.self, flags: [:])
        if config.estate != nil {
            throw ValidationError(
                "partition plans one volume: set VOLUME_CATALOG, VOLUME_SCHEMA and VOLUME_NAME instead of DXRSYNC_SCOPE"
            )
        }
        let logger = SyncRunner.logger(debug: config.debug)
        let plan = try await SyncRunner.withStore(for: config, logger: logger) { store in
            try await store.prepare()
            return try await Workspaces.withWorkspace(
                if: config.volume.source == .filesAPI, config.databricks, logger: logger
            ) { workspace in
                try await PartitionPlan.make(
                    count: count, scope: config.volume.scope, store: store,
                    source: VolumeSources.make(for: config, workspace: workspace), excludes: config.excludes)
            }
        }
        if let output {
            try Data((try SortedJSON.text(plan) + "\n").utf8).write(to: URL(fileURLWithPath: output))
        } else {
            FileHandleOutput.standardOutput.write((json ? try SortedJSON.text(plan) : plan.text) + "\n")
        }
    }
}
