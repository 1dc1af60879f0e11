import Foundation

/// What a sync run did, for the summary line, the ledger and the exit code.
public struct RunSummary: Sendable, Hashable {
    public var runID: String
    public var status: RunStatus
    public var counts: RunCounts
    public var listingComplete: Bool
    public var listingProblems: [String]
    public var duration: Duration
    /// The fatal error or interruption that stopped the run early.
    public var error: String?

    /// 0 all classified or skipped by rule; 1 some files failed; 3 stopped early.
    public var exitCode: Int32 {
        switch status {
        case .succeeded: 0
        case .finishedWithFailures: 1
        case .interrupted, .failed, .running: 3
        }
    }

    /// The summary for people.
    public var text: String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        var lines = [
            "Run \(runID): \(status.rawValue) in \(String(format: "%.1f", seconds)) s",
            "  listed \(counts.listed): new \(counts.new), changed \(counts.changed), unchanged \(counts.unchanged), gone \(counts.gone)",
            "  uploaded \(counts.submitted) files, \(ByteCount.describe(counts.bytesUploaded))",
            "  classified \(counts.classified), skipped \(counts.skipped), failed \(counts.failed)",
        ]
        if !listingComplete {
            lines.append("  listing INCOMPLETE, nothing was tombstoned: " + listingProblems.joined(separator: "; "))
        }
        if let error { lines.append("  stopped: \(error)") }
        return lines.joined(separator: "\n")
    }
}

/// Progress while a run works through its jobs.
public struct SyncProgress: Sendable, Hashable {
    public var jobsDone: Int
    public var jobsTotal: Int
    public var filesDone: Int
    public var filesTotal: Int
    public var classified: Int
    public var failed: Int
}
