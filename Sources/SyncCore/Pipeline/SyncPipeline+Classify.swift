extension SyncPipeline {
    private enum Event: Sendable {
        case batch(FileBatch, [FileOutcome])
        case stopRequested
        case fatal(FatalClassifierError)
    }

    /// What the classify step did: the counts of its outcomes, the DXR jobs, and why it stopped
    /// early, if it did.
    struct Classified {
        /// `classified`, `failed`, `skipped`, `submitted` and `bytesUploaded`; the rest stay 0.
        var tally = RunCounts()
        var jobIDs: [String] = []
        var stop: RunStop?
    }

    /// Classifies the planned jobs with at most `maxConcurrentJobs` in flight, in a child task,
    /// while this task writes each job's rows as it finishes. A stop signal stops new jobs and
    /// cancels the running ones; a fatal classifier error (DXR unreachable, the token refused)
    /// stops new jobs once the running ones finished. Files whose job did not finish, or never
    /// started, still get a `FAILED` row, which keeps their last good classification.
    func classify(
        _ plan: BatchPlan, _ reconciliation: Reconciliation, _ run: RunState, stopRequests: AsyncStream<Void>
    ) async throws -> Classified {
        var result = Classified()
        var remaining = Set(plan.batches.map(\.index))
        var filesDone = 0
        var recorder = RowRecorder(store: store)
        let builder = rowBuilder(run)
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let scheduler = JobScheduler(maxConcurrentJobs: maxConcurrentJobs)
        let (classifier, source) = (classifier, source)
        let started = ContinuousClock.now
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
                    continuation.yield(.fatal(error))
                } catch {
                    continuation.yield(.fatal(FatalClassifierError("unexpected classifier error: \(error)")))
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
                    filesDone += batch.files.count
                    let time = now()
                    let rows = outcomes.map { builder.record(for: $0, uploaded: $0.jobID != nil, at: time) }
                    let history = rows.flatMap { row in
                        LabelEvent.changes(
                            from: reconciliation.previous[PathKey(row.filePath)].map { ($0.labels, $0.detectors) },
                            to: row, at: time)
                    }
                    try await recorder.add(rows, events: history)
                    result.count(outcomes)
                    onProgress(
                        SyncProgress(
                            jobsDone: plan.batches.count - remaining.count, jobsTotal: plan.batches.count,
                            filesDone: filesDone, filesTotal: plan.fileCount, classified: result.tally.classified,
                            failed: result.tally.failed, elapsed: ContinuousClock.now - started))
                case .stopRequested:
                    result.stop = .interrupted
                    group.cancelAll()
                case .fatal(let error):
                    result.stop = .failure(error.kind, error.message)
                    group.cancelAll()
                }
            }
            group.cancelAll()
        }
        try await recorder.flush()
        if let stop = result.stop {
            result.tally.failed += try await recordUnfinished(plan, remaining: remaining, stop: stop, run)
        }
        return result
    }

    /// `FAILED` rows for the files of the jobs a stop left unfinished or never sent; returns how
    /// many.
    private func recordUnfinished(_ plan: BatchPlan, remaining: Set<Int>, stop: RunStop, _ run: RunState)
        async throws -> Int
    {
        let unfinished = plan.batches.filter { remaining.contains($0.index) }.flatMap(\.files)
        let reason =
            stop == .interrupted
            ? "interrupted before DXR answered; retried on the next run"
            : "not sent to DXR: the run stopped (\(stop.reason)); retried on the next run"
        let builder = rowBuilder(run)
        let time = now()
        let rows = unfinished.map { builder.record(for: .failed($0, reason: reason), uploaded: false, at: time) }
        try await store.upsert(rows)
        return rows.count
    }
}

extension SyncPipeline.Classified {
    /// Adds a job's outcomes to the tally and its job id to the list.
    mutating func count(_ outcomes: [FileOutcome]) {
        for outcome in outcomes {
            switch outcome.status {
            case .classified: tally.classified += 1
            case .failed: tally.failed += 1
            case .skipped: tally.skipped += 1
            }
            if outcome.jobID != nil {
                tally.submitted += 1
                tally.bytesUploaded += outcome.file.size
            }
        }
        jobIDs += Set(outcomes.compactMap(\.jobID)).sorted()
    }
}
