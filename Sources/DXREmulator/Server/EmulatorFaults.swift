/// Faults the emulator injects, decided by a seeded generator so every run is reproducible.
public struct EmulatorFaults: Sendable, Hashable {
    /// Added to every request.
    public var requestLatency: Duration = .zero
    /// How long a job takes from submission to `FINISHED`.
    public var jobLatency: Duration = .milliseconds(200)
    /// Share of requests answered 429.
    public var rate429 = 0.0
    /// Share of requests answered 503.
    public var rate503 = 0.0
    /// `Retry-After` seconds sent with 429 and 503.
    public var retryAfterSeconds = 1
    /// Share of jobs that end `FAILED`.
    public var failedJobRate = 0.0
    /// Share of jobs that never finish.
    public var stuckJobRate = 0.0
    /// Share of documents left out of search results.
    public var droppedHitRate = 0.0
    /// Report `state` as `{"value": …}` instead of a string.
    public var stateAsObject = false
    /// Report `hits.total` as a bare number instead of `{"value": …}`.
    public var totalAsNumber = false
    /// Cap on `pageSize`, as some servers apply.
    public var maxPageSize: Int?
    /// Share of job-status answers cut off in the middle of their JSON.
    public var malformedStatusRate = 0.0
    /// After this many accepted jobs the token is revoked: every later request is answered 401.
    public var revokeTokenAfterJobs: Int?
    /// Seed of the generator behind every rate above.
    public var seed: UInt64 = 42

    public init() {}
}

/// SplitMix64: a small, fast, seedable generator (the only source of randomness in the emulator).
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `true` with probability `rate`.
    mutating func chance(_ rate: Double) -> Bool { rate > 0 && Double.random(in: 0..<1, using: &self) < rate }
}
