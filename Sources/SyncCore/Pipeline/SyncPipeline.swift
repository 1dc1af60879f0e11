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
    package var shard: Shard?
    /// The wall clock for every timestamp the run writes.
    package var now: @Sendable () -> Date
    /// The safety rails and the failure tolerance.
    package var policy: RunPolicy

    package init(
        scope: VolumeScope, limits: PlanningLimits, maxConcurrentJobs: Int, source: any VolumeSource,
        classifier: any Classifier, store: any MetadataStore, logger: Logger, shard: Shard? = nil,
        policy: RunPolicy = RunPolicy(), now: @escaping @Sendable () -> Date = { Date() },
        onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) {
        self.shard = shard
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
    package func run(
        runID: String = UUID().uuidString.lowercased(), full: Bool = false, stopRequests: AsyncStream<Void>
    ) async throws -> RunSummary {
        var run = RunState(
            runID: runID, ledgerScope: scope.rootPath + (shard.map { " (shard \($0))" } ?? ""), now: now())
        do {
            try await start(&run)
            let listing = try await list(&run)
            var reconciliation = try await reconcile(listing, &run, full: full)
            try await checkTouchedFiles(&reconciliation, &run)
            let plan = try await planJobs(reconciliation, &run)
            try await classify(plan, reconciliation, &run, stopRequests: stopRequests)
            try await tombstone(reconciliation, listing: listing, &run)
            await tagVolume(&run)
            return try await finish(&run, listing: listing)
        } catch {
            await abandon(&run, because: error)
            throw error
        }
    }
}

/// What a run has done so far: each step of ``SyncPipeline`` reads it and adds to it.
struct RunState {
    let started = ContinuousClock.now
    var ledger: RunRecord
    var counts = RunCounts()
    var jobIDs: [String] = []
    /// Why the run stopped early, if it did.
    var stopReason: String?
    /// What kind of failure stopped it: the exit code when `stopReason` is set.
    var stopKind = FailureKind.fatal
    /// Whether a stop signal stopped it.
    var interrupted = false
    /// Files sent to DXR, or meant to be.
    var attempted = 0
    /// The DXR rules this run classifies under (``Classifier/fingerprint()``).
    var fingerprint: String?
    /// Why a safety rail held a step back.
    var heldBack: String?
    /// The tags set on the volume (`DXRSYNC_TAG_VOLUME`).
    var volumeTags: VolumeTags?
    /// Why the volume tags asked for were not set.
    var volumeTagsError: String?

    init(runID: String, ledgerScope: String, now: Date) {
        ledger = RunRecord(runID: runID, startedAt: now, scope: ledgerScope, status: .running)
    }

    var runID: String { ledger.runID }
}
