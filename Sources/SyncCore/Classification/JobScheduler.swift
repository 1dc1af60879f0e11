/// Runs the jobs of a plan with at most `maxConcurrentJobs` in flight, in a task group.
package struct JobScheduler: Sendable {
    package let maxConcurrentJobs: Int

    package init(maxConcurrentJobs: Int) { self.maxConcurrentJobs = max(1, maxConcurrentJobs) }

    /// Classifies every batch and returns the outcomes in batch order. A fatal classifier error
    /// stops new jobs, lets the running ones finish, and is rethrown.
    package func classifyAll(
        _ batches: [FileBatch], with classifier: any Classifier, from source: any VolumeSource
    ) async throws -> [[FileOutcome]] {
        var byIndex: [Int: [FileOutcome]] = [:]
        try await classifyAll(batches, with: classifier, from: source) { batch, outcomes in
            byIndex[batch.index] = outcomes
        }
        return batches.map { byIndex[$0.index] ?? [] }
    }

    /// Classifies every batch, handing each batch's outcomes to `finished` as soon as its job is
    /// done (in completion order, one at a time). After a ``FatalClassifierError`` no new job
    /// starts, the jobs in flight finish (DXR may have accepted them) and hand over their
    /// outcomes, and then the first such error is rethrown; any other error is rethrown at once.
    package func classifyAll(
        _ batches: [FileBatch], with classifier: any Classifier, from source: any VolumeSource,
        finished: (FileBatch, [FileOutcome]) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: (Int, [FileOutcome]).self) { group in
            var next = 0
            var stop: FatalClassifierError?
            func startNext() {
                guard stop == nil, next < batches.count else { return }
                let position = next
                next += 1
                group.addTask { (position, try await classifier.classify(batches[position], from: source)) }
            }
            for _ in 0..<min(maxConcurrentJobs, batches.count) { startNext() }
            while let result = await group.nextResult() {
                switch result {
                case .success(let (position, outcomes)):
                    try await finished(batches[position], outcomes)
                case .failure(let error as FatalClassifierError):
                    stop = stop ?? error
                case .failure(let error):
                    throw error
                }
                startNext()
            }
            if let stop { throw stop }
        }
    }
}
