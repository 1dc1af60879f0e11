/// Why a run stopped before its end.
package enum RunStop: Sendable, Hashable {
    /// A stop signal (SIGINT, SIGTERM): new jobs stopped, running ones cancelled.
    case interrupted
    /// An error no further job could get past; its kind says the exit code.
    case failure(FailureKind, String)

    /// What the summary and the ledger say about it.
    package var reason: String {
        switch self {
        case .interrupted: "interrupted by a stop signal"
        case .failure(_, let message): message
        }
    }
}

/// What became of the volume tags (`DXRSYNC_TAG_VOLUME`).
package enum VolumeTagResult: Sendable, Hashable {
    /// Not asked for, or the run did not end well enough to summarise the volume.
    case notSet
    /// Set on the volume.
    case set(VolumeTags)
    /// Asked for, but not set: why.
    case failed(String)
}

/// The facts a run's outcome is decided from, as the steps found them.
package struct RunFacts: Sendable, Hashable {
    package var counts = RunCounts()
    /// Files sent to DXR, or meant to be.
    package var attempted = 0
    package var stop: RunStop?
    /// Why a safety rail (the mass-deletion guard) held a step back.
    package var heldBack: String?
    package var tags = VolumeTagResult.notSet

    package init(
        counts: RunCounts = RunCounts(), attempted: Int = 0, stop: RunStop? = nil, heldBack: String? = nil,
        tags: VolumeTagResult = .notSet
    ) {
        self.counts = counts
        self.attempted = attempted
        self.stop = stop
        self.heldBack = heldBack
        self.tags = tags
    }
}

/// How a run ended, decided in one place from its facts: the ledger's status, the exit code and
/// the error the ledger records.
package struct RunOutcome: Sendable, Hashable {
    package var status: RunStatus
    package var exitStatus: ExitStatus
    /// The stop's reason, else why a step was held back, else why the tags were not set.
    package var error: String?

    /// The outcome of `facts` under `policy`:
    /// - a stop signal: `INTERRUPTED`, exit 3; an error: `FAILED`, exit 2 or 3 by its kind;
    /// - otherwise `FINISHED_WITH_FAILURES` when a file failed, else `SUCCEEDED`; exit 1 when the
    ///   failures exceed `DXRSYNC_MAX_FAILED_RATIO` (or nothing sent was classified), a safety rail
    ///   held a step back, or the tags asked for were not set; else 0.
    package init(_ facts: RunFacts, policy: RunPolicy) {
        let tagsError: String? = if case .failed(let reason) = facts.tags { reason } else { nil }
        switch facts.stop {
        case .interrupted:
            status = .interrupted
            exitStatus = .fatal
        case .failure(let kind, _):
            status = .failed
            exitStatus = ExitStatus(kind)
        case nil:
            status = facts.counts.failed > 0 ? .finishedWithFailures : .succeeded
            exitStatus = Self.endsWell(facts, policy: policy) && tagsError == nil ? .success : .filesFailed
        }
        error = facts.stop?.reason ?? facts.heldBack ?? tagsError
    }

    /// Whether the run, as far as it went, ended well enough to summarise the volume in tags: no
    /// stop, nothing held back, failures within the tolerance.
    package static func endsWell(_ facts: RunFacts, policy: RunPolicy) -> Bool {
        facts.stop == nil && facts.heldBack == nil && !policy.failsTheJob(facts.counts, attempted: facts.attempted)
    }
}
