import Foundation
import HTTPSupport
import Logging
import SyncCore

/// `DXRSYNC_WEBHOOK_URL`: each run's outcome posted as JSON, with a one-line `text` that Slack and
/// Teams incoming webhooks show, and the run summary (counts, status, errors: never file content
/// or a secret). A notification that cannot be delivered is a warning, never a failed run.
struct RunWebhook {
    let url: Secret
    let scope: String
    let logger: Logger

    /// What is posted.
    struct Message: Encodable {
        var text: String
        var source = "dxrsync"
        var scope: String
        var run: Run

        enum Run: Encodable {
            case finished(RunSummary)
            case stopped(exitCode: Int32, error: String)

            func encode(to encoder: any Encoder) throws {
                switch self {
                case .finished(let summary):
                    try summary.encode(to: encoder)
                case .stopped(let exitCode, let error):
                    var container = encoder.container(keyedBy: StoppedKeys.self)
                    try container.encode("FAILED", forKey: .status)
                    try container.encode(exitCode, forKey: .exitCode)
                    try container.encode(error, forKey: .error)
                }
            }

            enum StoppedKeys: String, CodingKey {
                case status, error
                case exitCode = "exit_code"
            }
        }
    }

    /// Posts a finished run.
    func post(_ summary: RunSummary) async {
        let counts = summary.counts
        await post(
            Message(
                text: "dxrsync \(scope): \(summary.status.rawValue), exit \(summary.exitStatus.rawValue); "
                    + "classified \(counts.classified), failed \(counts.failed), skipped \(counts.skipped) "
                    + "(new \(counts.new), changed \(counts.changed), gone \(counts.gone))"
                    + (summary.error.map { "; stopped: \($0)" } ?? "")
                    + (summary.heldBack.map { "; held back: \($0)" } ?? ""),
                scope: scope, run: .finished(summary)))
    }

    /// Posts a run that an error stopped before it had a summary.
    func post(failure error: any Error) async {
        let exitStatus = ExitStatus(for: error)
        await post(
            Message(
                text: "dxrsync \(scope): FAILED, exit \(exitStatus.rawValue): \(error)", scope: scope,
                run: .stopped(exitCode: exitStatus.rawValue, error: String(describing: error))))
    }

    private func post(_ message: Message) async {
        do {
            try await JSONPost.send(
                SortedJSON.data(message), to: url.revealedValue, label: "DXRSYNC_WEBHOOK_URL", logger: logger)
        } catch {
            logger.warning("the run summary was not delivered to DXRSYNC_WEBHOOK_URL: \(error)")
        }
    }
}
