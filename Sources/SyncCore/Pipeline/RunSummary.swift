import Foundation

/// What a sync run did, for the summary, the ledger and the exit code.
package struct RunSummary: Sendable, Hashable, Encodable {
    package var runID: String
    /// What the run covered: the scanned folder, and the part of it when partitioned.
    package var scope: String
    package var status: RunStatus
    /// Which store and table the rows went to.
    package var store: String
    package var counts: RunCounts
    package var listingComplete: Bool
    package var listingProblems: [String]
    /// What the exclude rules left out of the listing, per rule.
    package var excluded: [ExclusionTally]
    package var duration: Duration
    /// The fatal error or interruption that stopped the run early.
    package var error: String?
    /// Why a safety rail held a step back (the mass-deletion guard), if one did.
    package var heldBack: String?
    /// The tags set on the volume (`DXRSYNC_TAG_VOLUME`).
    package var volumeTags: VolumeTags?
    /// Why the volume tags asked for were not set.
    package var volumeTagsError: String?
    /// How the process ends (``RunPolicy``).
    package var exitStatus: ExitStatus

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case listingComplete = "listing_complete"
        case listingProblems = "listing_problems"
        case heldBack = "held_back"
        case volumeTags = "volume_tags"
        case volumeTagsError = "volume_tags_error"
        case exitCode = "exit_code"
        case seconds
        case status, store, counts, error, excluded, scope
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(scope, forKey: .scope)
        try container.encode(status, forKey: .status)
        try container.encode(store, forKey: .store)
        try container.encode(counts, forKey: .counts)
        try container.encode(listingComplete, forKey: .listingComplete)
        try container.encode(listingProblems, forKey: .listingProblems)
        try container.encode(excluded, forKey: .excluded)
        try container.encode((seconds * 1_000).rounded() / 1_000, forKey: .seconds)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encodeIfPresent(heldBack, forKey: .heldBack)
        try container.encodeIfPresent(
            volumeTags.map { Dictionary(uniqueKeysWithValues: $0.tags.map { ($0.key, $0.value) }) }, forKey: .volumeTags
        )
        try container.encodeIfPresent(volumeTagsError, forKey: .volumeTagsError)
        try container.encode(exitStatus.rawValue, forKey: .exitCode)
    }

    private var seconds: Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The summary for people.
    package var text: String {
        var lines = [
            "Run \(runID): \(status.rawValue) in \(String(format: "%.1f", seconds)) s; rows in \(store)",
            "  listed \(counts.listed): new \(counts.new), changed \(counts.changed), unchanged \(counts.unchanged), gone \(counts.gone)",
            "  uploaded \(counts.submitted) files, \(ByteCount.describe(counts.bytesUploaded))",
            "  classified \(counts.classified), skipped \(counts.skipped), failed \(counts.failed)",
        ]
        if !excluded.isEmpty {
            lines.append(
                "  excluded \(excluded.reduce(0) { $0 + $1.files }): "
                    + excluded.map { "\($0.pattern) \($0.files)" }.joined(separator: ", "))
        }
        if !listingComplete {
            lines.append("  listing INCOMPLETE, nothing was tombstoned: " + listingProblems.joined(separator: "; "))
        }
        if counts.stale > 0 || counts.deferred > 0 {
            lines.append(
                "  stale (DXRSYNC_RESCAN): \(counts.stale); left for the next runs (budget): \(counts.deferred)")
        }
        if let heldBack { lines.append("  held back: \(heldBack)") }
        if let volumeTags {
            lines.append(
                "  volume tags set: " + volumeTags.tags.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        if let volumeTagsError { lines.append("  volume tags NOT set: \(volumeTagsError)") }
        if let error { lines.append("  stopped: \(error)") }
        return lines.joined(separator: "\n")
    }
}

/// Progress while a run works through its jobs.
package struct SyncProgress: Sendable, Hashable {
    package var jobsDone: Int
    package var jobsTotal: Int
    /// Files of the jobs that finished.
    package var filesDone: Int
    package var filesTotal: Int
    package var classified: Int
    package var failed: Int
    /// Time since the first job started.
    package var elapsed: Duration

    package init(
        jobsDone: Int, jobsTotal: Int, filesDone: Int, filesTotal: Int, classified: Int, failed: Int,
        elapsed: Duration = .zero
    ) {
        self.elapsed = elapsed
        self.jobsDone = jobsDone
        self.jobsTotal = jobsTotal
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.classified = classified
        self.failed = failed
    }

    /// How long the files still to do should take at this run's pace so far: `elapsed` (since
    /// the first job started) times the files left over the files done. `nil` until a job
    /// finished; zero once every file is done.
    package var remaining: Duration? { remaining(after: elapsed) }

    /// ``remaining`` for a given elapsed time.
    package func remaining(after elapsed: Duration) -> Duration? {
        guard jobsDone > 0, filesDone > 0 else { return nil }
        return elapsed * max(0, filesTotal - filesDone) / filesDone
    }
}
