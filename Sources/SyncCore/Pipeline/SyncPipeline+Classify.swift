extension SyncPipeline {
    private enum Event: Sendable {
        case batch(FileBatch, [FileOutcome])
        case stopRequested
        case fatal(FatalClassifierError)
    }

    /// Classifies the planned jobs with at most `maxConcurrentJobs` in flight, in a child task,
    /// while this task writes each job's rows as it finishes. A stop signal stops new jobs and
    /// cancels the running ones; a fatal classifier error (DXR unreachable, the token refused)
    /// stops new jobs once the running ones finished. Files whose job did not finish, or never
    /// started, still get a `FAILED` row, which keeps their last good classification.
    func classify(
        _ plan: BatchPlan, _ reconciliation: Reconciliation, _ run: inout RunState, stopRequests: AsyncStream<Void>
    ) async throws {
        var remaining = Set(plan.batches.map(\.index))
        var filesDone = 0
        var recorder = RowRecorder(store: store)
        let builder = rowBuilder(run)
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let scheduler = JobScheduler(maxConcurrentJobs: maxConcurrentJobs)
        let (classifier, source) = (classifier, source)
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
                    run.count(outcomes)
                    onProgress(
                        SyncProgress(
                            jobsDone: plan.batches.count - remaining.count, jobsTotal: plan.batches.count,
                            filesDone: filesDone, filesTotal: plan.fileCount, classified: run.counts.classified,
                            failed: run.counts.failed))
                case .stopRequested:
                    run.interrupted = true
                    run.stopReason = "interrupted by a stop signal"
                    group.cancelAll()
                case .fatal(let error):
                    run.stopReason = error.message
                    run.stopKind = error.kind
                    group.cancelAll()
                }
            }
            group.cancelAll()
        }
        try await recorder.flush()
        try await recordUnfinished(plan, remaining: remaining, &run)
    }

    /// `FAILED` rows for the files of the jobs a stop left unfinished or never sent.
    private func recordUnfinished(_ plan: BatchPlan, remaining: Set<Int>, _ run: inout RunState) async throws {
        guard let stopReason = run.stopReason else { return }
        let unfinished = plan.batches.filter { remaining.contains($0.index) }.flatMap(\.files)
        let reason =
            run.interrupted
            ? "interrupted before DXR answered; retried on the next run"
            : "not sent to DXR: the run stopped (\(stopReason)); retried on the next run"
        let builder = rowBuilder(run)
        let time = now()
        let rows = unfinished.map { builder.record(for: .failed($0, reason: reason), uploaded: false, at: time) }
        try await store.upsert(rows)
        run.counts.failed += rows.count
    }
}

extension RunState {
    /// Adds a job's outcomes to the counts and its job id to the ledger's list.
    mutating func count(_ outcomes: [FileOutcome]) {
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
    }
}
