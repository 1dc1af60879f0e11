import ArgumentParser
import DXR
import Foundation
import Logging
import SyncCore

/// `dxrsync plan`: list the volume and show the jobs a sync would submit.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "List the volume and show the jobs a sync would submit; nothing is uploaded.",
        discussion: """
            The DXR variables are not required here, but any that are set are checked, so a clean plan \
            is a preflight for sync. With --incremental, plan also reads the metadata table (creating it \
            if missing, as report does) and, when the DXR variables are set, DXR's label and detector \
            catalogue: it shows what an incremental sync would send (new, changed, retried and stale \
            files) and what the run budget leaves for later runs. It uploads nothing.

            \(VariableHelp.section(for: .plan))
            """
    )

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "Compare with the metadata table and DXR's rules: plan only what an incremental sync would send.")
    var incremental = false

    @OptionGroup var part: PartOption

    @OptionGroup var configuration: ConfigurationArguments

    func run() async throws {
        let config = try configuration.loadPlan(for: Self.self, flags: part.flags)
        let logger = SyncRunner.logger(debug: config.debug)
        let (location, listing) = try await Workspaces.withWorkspace(
            if: config.volume.source == .filesAPI, config.databricks, logger: logger
        ) { workspace in
            let source = VolumeSources.make(for: config, workspace: workspace)
            return (
                source.location,
                try await source.listing(
                    of: config.volume.scope, selections: config.selections, excluding: config.excludes)
            )
        }
        var files = listing.files
        var comparison: IncrementalPlan?
        if incremental {
            let fingerprint = try await dxrRules(logger: logger)
            let (reconciliation, store) = try await SyncRunner.withStore(for: config, logger: logger) { store in
                try await store.prepare()
                let reconciliation = try await Reconciler.reconcile(
                    listing, with: store, scope: config.volume.scope, selections: config.selections,
                    full: false,
                    rescan: config.policy.rescan, fingerprint: fingerprint, now: Date())
                return (reconciliation, store.tableDescription)
            }
            let (work, deferred) = config.policy.budget.take(reconciliation.toClassify)
            files = work
            comparison = IncrementalPlan(
                reconciliation, deferred: deferred, rescan: config.policy.rescan, rulesKnown: fingerprint != nil,
                store: store)
        }
        let plan = BatchPlanner(limits: config.limits).plan(files)
        let report = PlanReport(
            volumePath: config.volume.scope.rootPath, location: location, listing: listing, plan: plan,
            limits: config.limits, incremental: comparison)
        FileHandleOutput.standardOutput.write((json ? try SortedJSON.text(report) : report.text) + "\n")
    }

    /// The fingerprint of DXR's rules now, when the DXR variables are complete and DXR answers;
    /// `nil` otherwise (a plan is a preview: it says what it could not compare, it does not fail).
    func dxrRules(logger: Logger) async throws -> String? {
        guard let sync = try? configuration.loadSync(for: Self.self, flags: part.flags) else { return nil }
        return try await Workspaces.withWorkspace(
            if: SyncRunner.needsWorkspace(sync), sync.plan.databricks, logger: logger
        ) { workspace in
            let token = try await SyncRunner.token(for: sync.dxr, workspace: workspace)
            return try await DXRConnection.withConnection(sync.dxr, token: token, logger: logger) { connection in
                (try? await connection.classifier().fingerprint()) ?? nil
            }
        }
    }
}
