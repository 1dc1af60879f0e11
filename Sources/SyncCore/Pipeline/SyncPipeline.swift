import Foundation
import Logging

/// The main job: list → reconcile with the store → plan → classify (bounded concurrency) →
/// build rows → upsert as each job finishes → tombstone → ledger.
///
/// Rows are written as each job completes, so a run killed hard loses at most the jobs in flight,
/// and the next run redoes exactly those.
public struct SyncPipeline: Sendable {
    public var scope: VolumeScope
    public var limits: PlanningLimits
    public var maxConcurrentJobs: Int
    public var source: any VolumeSource
    public var classifier: any Classifier
    public var store: any MetadataStore
    public var logger: Logger
    /// Called after every job, on the task that writes rows.
    public var onProgress: @Sendable (SyncProgress) -> Void
    /// Only this part of the volume: other files are neither classified nor tombstoned.
    public var shard: Shard?

    public init(
        scope: VolumeScope, limits: PlanningLimits, maxConcurrentJobs: Int, source: any VolumeSource,
        classifier: any Classifier, store: any MetadataStore, logger: Logger, shard: Shard? = nil,
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
        self.onProgress = onProgress
    }

    private enum Event: Sendable {
        case batch(FileBatch, [FileOutcome])
        case stopRequested
        case fatal(String)
    }

    /// Runs once. `full` reclassifies unchanged files too. A value arriving on `stopRequests`
    /// stops new uploads; files without an outcome then get `FAILED` rows ("interrupted").
    public func run(full: Bool = false, stopRequests: AsyncStream<Void>) async throws -> RunSummary {
        let clock = ContinuousClock()
        let startInstant = clock.now
        let runID = UUID().uuidString.lowercased()
        let ledgerScope = scope.rootPath + (shard.map { " (shard \($0))" } ?? "")
        var ledger = RunRecord(runID: runID, startedAt: Date(), scope: ledgerScope, status: .running)
        try await store.prepare()
        try await store.recordRun(ledger)

        let listing: VolumeListing
        do {
            listing = try await source.list().restricted(to: shard)
        } catch {
            ledger.status = .failed
            ledger.finishedAt = Date()
            ledger.exitCode = 2
            ledger.error = error.description
            try await store.recordRun(ledger)
            throw error
        }
        let stored = try await store.storedStates(under: scope.rootPath + "/").filter { state in
            shard?.contains(relativePath: scope.relativePath(filePath: state.filePath)) ?? true
        }
        let reconciliation = Reconciliation(listing: listing, stored: stored, scope: scope, full: full)
        var counts = RunCounts()
        counts.listed = listing.files.count
        counts.new = reconciliation.newCount
        counts.changed = reconciliation.changedCount
        counts.unchanged = reconciliation.unchanged.count
        counts.gone = listing.isComplete ? reconciliation.gone.count : 0

        let plan = BatchPlanner(limits: limits).plan(reconciliation.toClassify)
        let builder = RowBuilder(scope: scope, runID: runID, now: Date())
        func previous(_ file: VolumeFile) -> StoredFileState? {
            reconciliation.previous[PathKey(scope.filePath(relativePath: file.relativePath))]
        }
        let skippedRows = plan.skipped.map {
            builder.record(
                for: FileOutcome(file: $0.file, status: .skipped, reason: $0.reason), previous: previous($0.file),
                attempted: false)
        }
        try await store.upsert(skippedRows)
        counts.skipped = skippedRows.count

        // Classification runs in a child task; rows are written here, as each job finishes.
        var remaining = Set(plan.batches.map(\.index))
        let batching = store.upsertBatching
        var pendingRows: [FileRecord] = []
        var lastWrite = clock.now
        var jobIDs: [String] = []
        var stopReason: String?
        var interrupted = false
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let scheduler = JobScheduler(maxConcurrentJobs: maxConcurrentJobs)
        let classifier = classifier
        let source = source
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                do {
                    try await scheduler.classifyAll(plan.batches, with: classifier, from: source) { batch, outcomes in
                        continuation.yield(.batch(batch, outcomes))
                    }
                } catch is CancellationError {
                    return
                } catch let error as FatalClassifierError {
                    continuation.yield(.fatal(error.message))
                } catch {
                    continuation.yield(.fatal("unexpected classifier error: \(error)"))
                }
            }
            group.addTask {
                var iterator = stopRequests.makeAsyncIterator()
                if await iterator.next() != nil { continuation.yield(.stopRequested) }
            }
            for await event in events {
                switch event {
                case .batch(let batch, let outcomes):
                    remaining.remove(batch.index)
                    pendingRows += outcomes.map {
                        builder.record(for: $0, previous: previous($0.file), attempted: true)
                    }
                    if pendingRows.count >= batching.rows || clock.now - lastWrite >= batching.interval {
                        try await store.upsert(pendingRows)
                        pendingRows.removeAll()
                        lastWrite = clock.now
                    }
                    for outcome in outcomes {
                        switch outcome.status {
                        case .classified: counts.classified += 1
                        case .failed: counts.failed += 1
                        case .skipped: counts.skipped += 1
                        }
                        if outcome.jobID != nil {
                            counts.submitted += 1
                            counts.bytesUploaded += outcome.file.size
                        }
                    }
                    jobIDs += Set(outcomes.compactMap(\.jobID)).sorted()
                    onProgress(
                        SyncProgress(
                            jobsDone: plan.batches.count - remaining.count, jobsTotal: plan.batches.count,
                            filesDone: plan.fileCount - remaining.count, filesTotal: plan.fileCount,
                            classified: counts.classified, failed: counts.failed))
                case .stopRequested:
                    interrupted = true
                    stopReason = "interrupted by a stop signal"
                    group.cancelAll()
                case .fatal(let message):
                    stopReason = message
                    group.cancelAll()
                }
            }
            group.cancelAll()
        }
        try await store.upsert(pendingRows)

        // Files whose job did not finish still get a row.
        if let stopReason {
            let unfinished = plan.batches.filter { remaining.contains($0.index) }.flatMap(\.files)
            let reason =
                interrupted ? "interrupted before DXR answered; retried on the next run" : "run stopped: \(stopReason)"
            let rows = unfinished.map {
                builder.record(for: .failed($0, reason: reason), previous: previous($0), attempted: false)
            }
            try await store.upsert(rows)
            counts.failed += rows.count
        }

        if listing.isComplete {
            try await store.tombstone(filePaths: reconciliation.gone.map(\.filePath), at: Date(), runID: runID)
        } else if !reconciliation.gone.isEmpty {
            logger.warning(
                "listing incomplete: \(reconciliation.gone.count) files not seen were not tombstoned",
                metadata: ["problems": "\(listing.problems.count)"])
        }

        let status: RunStatus =
            interrupted
            ? .interrupted : stopReason != nil ? .failed : counts.failed > 0 ? .finishedWithFailures : .succeeded
        let summary = RunSummary(
            runID: runID, status: status, counts: counts, listingComplete: listing.isComplete,
            listingProblems: listing.problems.map(\.description), duration: clock.now - startInstant, error: stopReason)
        ledger.status = status
        ledger.counts = counts
        ledger.dxrJobIDs = jobIDs
        ledger.finishedAt = Date()
        ledger.exitCode = Int(summary.exitCode)
        ledger.error = stopReason
        try await store.recordRun(ledger)
        return summary
    }
}
