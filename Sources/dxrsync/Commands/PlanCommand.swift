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
            files) and what the run budget leaves for later runs, and estimates how long the upload \
            should take at the pace of the latest runs in the run ledger. It uploads nothing.

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
        if let estate = config.estate {
            try await planEstate(config, estate: estate, logger: logger)
            return
        }
        let report = try await Self.report(
            config, incremental: incremental, logger: logger, dxrRules: { try await dxrRules(logger: logger) })
        FileHandleOutput.standardOutput.write((json ? try SortedJSON.text(report) : report.text) + "\n")
    }

    /// One plan per volume of `DXRSYNC_SCOPE` (DXR's rules read once), and the volumes skipped.
    private func planEstate(_ config: PlanConfiguration, estate: EstateScope, logger: Logger) async throws {
        let found = try await Workspaces.withWorkspace(
            if: config.volume.source == .filesAPI, config.databricks, logger: logger
        ) { workspace in
            await estate.resolve(with: VolumeSources.catalogue(for: config, workspace: workspace))
        }
        let rules = incremental ? try await dxrRules(logger: logger) : nil
        var reports: [PlanReport] = []
        var skipped = found.skipped
        for volume in found.volumes {
            var one = config
            one.volume.scope = volume
            do {
                reports.append(try await Self.report(one, incremental: incremental, logger: logger) { rules })
            } catch let error as VolumeSourceError {
                skipped.append(
                    SkippedVolume(
                        name: "\(volume.catalog).\(volume.schema).\(volume.volume)", reason: error.description))
            }
        }
        let text =
            (reports.map(\.text) + skipped.map { "SKIPPED \($0)" }).joined(separator: "\n\n")
        FileHandleOutput.standardOutput.write(
            (json ? try SortedJSON.text(EstatePlan(volumes: reports, skipped: skipped)) : text) + "\n")
    }

    /// What `plan --json` prints for `DXRSYNC_SCOPE`.
    struct EstatePlan: Encodable {
        var volumes: [PlanReport]
        var skipped: [SkippedVolume]
    }

    /// The plan for `config`: the listing in jobs. With `incremental`, only what an incremental
    /// sync would send, compared with the metadata table and the DXR rules `dxrRules` reads
    /// (called after the listing), and an estimate of the upload from the run ledger.
    static func report(
        _ config: PlanConfiguration, incremental: Bool, logger: Logger, dxrRules: () async throws -> String?
    ) async throws -> PlanReport {
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
        guard incremental else {
            return PlanReport(
                volumePath: config.volume.scope.rootPath, location: location, listing: listing,
                plan: BatchPlanner(limits: config.limits).plan(listing.files), limits: config.limits)
        }
        let fingerprint = try await dxrRules()
        let (reconciliation, runs, store) = try await SyncRunner.withStore(for: config, logger: logger) { store in
            try await store.prepare()
            let reconciliation = try await Reconciler.reconcile(
                listing, with: store, scope: config.volume.scope, selections: config.selections,
                full: false,
                rescan: config.policy.rescan, fingerprint: fingerprint, now: Date())
            return (
                reconciliation, try await store.recentRuns(limit: RunEstimate.ledgerRowsRead), store.tableDescription
            )
        }
        let (work, deferred) = config.policy.budget.take(reconciliation.toClassify)
        let plan = BatchPlanner(limits: config.limits).plan(work)
        return PlanReport(
            volumePath: config.volume.scope.rootPath, location: location, listing: listing, plan: plan,
            limits: config.limits,
            incremental: IncrementalPlan(
                reconciliation, deferred: deferred, rescan: config.policy.rescan, rulesKnown: fingerprint != nil,
                store: store),
            estimate: RunEstimate(files: plan.fileCount, bytes: plan.totalBytes, recentRuns: runs))
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
