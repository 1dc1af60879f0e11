import Foundation
import SyncCore
import Synchronization

/// Progress on standard error: a live line on a terminal, a plain line at most every few seconds
/// otherwise (job logs).
final class ProgressDisplay: Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lastPrinted = Mutex<ContinuousClock.Instant?>(nil)
    private let interval: Duration

    init(interval: Duration = .seconds(5)) { self.interval = interval }

    func show(_ progress: SyncProgress) {
        let line =
            "jobs \(progress.jobsDone)/\(progress.jobsTotal), files \(progress.filesDone)/\(progress.filesTotal), "
            + "classified \(progress.classified), failed \(progress.failed)"
        if isTerminal {
            FileHandleOutput.standardError.write(
                "\r\u{1B}[2K" + line + (progress.jobsDone == progress.jobsTotal ? "\n" : ""))
            return
        }
        let now = ContinuousClock.now
        let due = lastPrinted.withLock { last in
            guard last.map({ now - $0 >= interval }) ?? true || progress.jobsDone == progress.jobsTotal else {
                return false
            }
            last = now
            return true
        }
        if due { FileHandleOutput.standardError.write("progress: " + line + "\n") }
    }
}
