import ArgumentParser
import Foundation
import SyncCore

/// `dxrsync plan`: list the volume and show the jobs a sync would submit, contacting nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "List the volume and show the jobs a sync would submit, without contacting DXR or Databricks.",
        discussion: """
            The DXR variables are not required here, but any that are set are checked, so a clean plan \
            is a preflight for sync.

            \(VariableHelp.section(for: .plan))
            """
    )

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @OptionGroup var shard: ShardOption

    @OptionGroup var configuration: ConfigurationArguments

    func run() async throws {
        let config = try configuration.loadPlan(for: Self.self, flags: shard.flags)
        let logger = SyncRunner.logger(debug: config.debug)
        let (location, listing) = try await Workspaces.withWorkspace(
            if: config.volume.source == .filesAPI, config.databricks, logger: logger
        ) { workspace in
            let source = VolumeSources.make(for: config, workspace: workspace)
            return (source.location, try await source.list().restricted(to: config.shard))
        }
        let plan = BatchPlanner(limits: config.limits).plan(listing.files)
        let report = PlanReport(
            volumePath: config.volume.scope.rootPath, location: location, listing: listing, plan: plan,
            limits: config.limits)
        FileHandleOutput.standardOutput.write((json ? try SortedJSON.text(report) : report.text) + "\n")
    }
}
