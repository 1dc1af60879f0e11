import Foundation
import Logging

/// The main job, in named steps: start the ledger → list → reconcile with the store → plan →
/// classify (bounded concurrency, rows written as jobs finish) → tombstone → tag the volume →
/// finish the ledger.
///
/// Each step is a method of its own (in the `SyncPipeline+…` files) that reads and adds to one
/// ``RunState``. The clock and the run id are injected, so a test can run the whole pipeline in
/// process against the emulator and a SQLite file and know every timestamp it will see.
package struct SyncPipeline: Sendable {
    package var scope: VolumeScope
    package var limits: PlanningLimits
    package var maxConcurrentJobs: Int
    package var source: any VolumeSource
    package var classifier: any Classifier
    package var store: any MetadataStore
    package var logger: Logger
    /// Called after every job, on the task that writes rows.
    package var onProgress: @Sendable (SyncProgress) -> Void
    /// Only this part of the volume: other files are neither classified nor tombstoned.
    /// `DXRSYNC_PART`: the folders of the scope this run lists, reads and tombstones in.
    package var selections: [FolderSelection]
    /// `DXRSYNC_EXCLUDE`: paths left out (with the `.dxrignore` files found in the volume).
    package var excludes: [GlobPattern]
    /// The wall clock for every timestamp the run writes.
    package var now: @Sendable () -> Date
    /// The safety rails and the failure tolerance.
    package var policy: RunPolicy

    package init(
        scope: VolumeScope, limits: PlanningLimits, maxConcurrentJobs: Int, source: any VolumeSource,
        classifier: any Classifier, store: any MetadataStore, logger: Logger,
        selections: [FolderSelection] = [.everything], excludes: [GlobPattern] = [], policy: RunPolicy = RunPolicy(),
        now: @escaping @Sendable () -> Date = { Date() },
        onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) {
        self.excludes = excludes
        self.selections = selections
        self.scope = scope
        self.limits = limits
        self.maxConcurrentJobs = maxConcurrentJobs
        self.source = source
        self.classifier = classifier
        self.store = store
        self.logger = logger
        self.now = now
        self.policy = policy
        self.onProgress = onProgress
    }

    /// Runs once as `runID`. `full` reclassifies unchanged files too. A value arriving on
    /// `stopRequests` stops new uploads; files without an outcome then get `FAILED` rows
    /// ("interrupted"). An error that stops the run (the volume cannot be listed, the store fails)
    /// is written to the ledger row before it is rethrown, so no row stays `RUNNING`.
    ///
    /// Each step returns what it found; the run adds it to its ``RunFacts``, and ``RunOutcome``
    /// decides from those facts, once, how the run ended.
    package func run(
        runID: String = UUID().uuidString.lowercased(), full: Bool = false, stopRequests: AsyncStream<Void>
    ) async throws -> RunSummary {
        var run = RunState(
            runID: runID, ledgerScope: ledgerScope, now: now())
        do {
            try await start(&run)
            let listing = try await list()
            run.facts.counts.listed = listing.files.count
            var reconciliation = try await reconcile(listing, fingerprint: run.fingerprint, full: full)
            run.facts.counts.add(reconciliation, listingComplete: listing.isComplete, full: full)
            let sameContent = try await checkTouchedFiles(&reconciliation, runID: run.runID)
            run.facts.counts.changed -= sameContent
            run.facts.counts.unchanged += sameContent
            let jobs = try await planJobs(reconciliation, run)
            run.facts.counts.deferred = jobs.deferred
            run.facts.counts.skipped = jobs.skipped
            run.facts.attempted = jobs.plan.fileCount
            let classified = try await classify(jobs.plan, reconciliation, run, stopRequests: stopRequests)
            run.facts.counts.add(classified.tally)
            run.jobIDs = classified.jobIDs
            run.facts.stop = classified.stop
            if let heldBack = try await tombstone(reconciliation, listing: listing, runID: run.runID) {
                run.facts.heldBack = heldBack
                run.facts.counts.gone = 0
            }
            if policy.tagVolume, RunOutcome.endsWell(run.facts, policy: policy) {
                run.facts.tags = await tagVolume()
            }
            return try await finish(&run, listing: listing)
        } catch {
            await abandon(&run, because: error)
            throw error
        }
    }
}

/// A run in progress: its ledger row, the DXR rules it classifies under, the DXR jobs it ran,
/// and the facts its outcome is decided from.
struct RunState {
    let started = ContinuousClock.now
    var ledger: RunRecord
    var facts = RunFacts()
    var jobIDs: [String] = []
    /// The DXR rules this run classifies under (``Classifier/fingerprint()``).
    var fingerprint: String?

    init(runID: String, ledgerScope: String, now: Date) {
        ledger = RunRecord(runID: runID, startedAt: now, scope: ledgerScope, status: .running)
    }

    var runID: String { ledger.runID }
}
