/// Faults the emulator injects, decided by a seeded generator so every run is reproducible.
package struct EmulatorFaults: Sendable, Hashable {
    /// Added to every request.
    package var requestLatency: Duration = .zero
    /// How long a job takes from submission to `FINISHED`.
    package var jobLatency: Duration = .milliseconds(200)
    /// Share of requests answered 429.
    package var rate429 = 0.0
    /// Share of requests answered 503.
    package var rate503 = 0.0
    /// Share of job-status polls and searches answered 500 (a transient server error).
    package var rate500 = 0.0
    /// `Retry-After` seconds sent with 429 and 503.
    package var retryAfterSeconds = 1
    /// Share of jobs that end `FAILED`.
    package var failedJobRate = 0.0
    /// Share of the files of a `FAILED` job that were indexed anyway and come back from a search
    /// of its scan (a recrawl that failed partway).
    package var failedJobIndexedRate = 0.0
    /// How long after a job ends its documents still lack their smart labels (`dxr#tags`), unless
    /// the search asks for `refreshIndex`. Ohalo's dxr-python client refreshes the index and its
    /// job helper waits 0.3 s "to ensure smart labels are applied".
    package var labelLag: Duration = .zero
    /// Share of jobs that never finish.
    package var stuckJobRate = 0.0
    /// Share of documents left out of search results.
    package var droppedHitRate = 0.0
    /// Report `state` as `{"value": …}` instead of a string.
    package var stateAsObject = false
    /// Report `hits.total` as a bare number instead of `{"value": …}`.
    package var totalAsNumber = false
    /// Cap on `pageSize`, as some servers apply.
    package var maxPageSize: Int?
    /// Share of job-status answers cut off in the middle of their JSON.
    package var malformedStatusRate = 0.0
    /// At most this many status answers in a row are cut off for one job; `nil` for no limit.
    /// A test of polling that recovers sets it below the client's give-up count, so the outcome
    /// does not hang on the order in which concurrent jobs draw from the seeded generator.
    package var malformedStatusInARowAtMost: Int?
    /// After this many accepted jobs the token is revoked: every later request is answered 401.
    package var revokeTokenAfterJobs: Int?
    /// Label ids DXR reports as removed by a person (`dxr#manually_removed_tags`) on every
    /// document that carries them.
    package var manuallyRemovedLabels: [Int] = []
    /// Seed of the generator behind every rate above.
    package var seed: UInt64 = 42

    package init() {}
}
