import Foundation

/// What a sync run did, for the summary line, the ledger and the exit code.
package struct RunSummary: Sendable, Hashable {
    package var runID: String
    package var status: RunStatus
    package var counts: RunCounts
    package var listingComplete: Bool
    package var listingProblems: [String]
    package var duration: Duration
    /// The fatal error or interruption that stopped the run early.
    package var error: String?

    /// How the process ends: success when every file is accounted for, files failed when some
    /// failed, fatal when the run stopped early.
    package var exitStatus: ExitStatus {
        switch status {
        case .succeeded: .success
        case .finishedWithFailures: .filesFailed
        case .interrupted, .failed, .running: .fatal
        }
    }

    /// The summary for people.
    package var text: String {
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
package struct SyncProgress: Sendable, Hashable {
    package var jobsDone: Int
    package var jobsTotal: Int
    package var filesDone: Int
    package var filesTotal: Int
    package var classified: Int
    package var failed: Int
}
