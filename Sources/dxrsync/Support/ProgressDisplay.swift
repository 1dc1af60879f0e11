import Foundation
import SyncCore
import Synchronization

/// Progress on standard error: a live line on a terminal, a plain line at most every few seconds
/// otherwise (job logs), each with an ETA at the run's pace so far.
final class ProgressDisplay: Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lastPrinted = Mutex<ContinuousClock.Instant?>(nil)
    private let interval: Duration

    init(interval: Duration = .seconds(5)) { self.interval = interval }

    func show(_ progress: SyncProgress) {
        let now = ContinuousClock.now
        let line = Self.line(progress)
        if isTerminal {
            FileHandleOutput.standardError.write(
                "\r\u{1B}[2K" + line + (progress.jobsDone == progress.jobsTotal ? "\n" : ""))
            return
        }
        let due = lastPrinted.withLock { last in
            guard last.map({ now - $0 >= interval }) ?? true || progress.jobsDone == progress.jobsTotal else {
                return false
            }
            last = now
            return true
        }
        if due { FileHandleOutput.standardError.write("progress: " + line + "\n") }
    }

    /// `jobs 3/10, files 75/250, classified 70, failed 5, eta 4m10s`: the ETA at the run's pace
    /// since its first job started (``SyncProgress/remaining``), once a job finished, until the last
    /// one did.
    static func line(_ progress: SyncProgress) -> String {
        let counts =
            "jobs \(progress.jobsDone)/\(progress.jobsTotal), files \(progress.filesDone)/\(progress.filesTotal), "
            + "classified \(progress.classified), failed \(progress.failed)"
        guard progress.jobsDone < progress.jobsTotal, let remaining = progress.remaining else {
            return counts
        }
        return counts + ", eta " + DurationText.compact(remaining)
    }
}
