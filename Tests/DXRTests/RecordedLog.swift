import Logging
import Synchronization

/// The warnings and errors a client logged, kept in memory for a test to read.
final class RecordedLog: Sendable {
    private let entries = Mutex<[String]>([])

    /// What was logged at warning level or above, in order.
    var messages: [String] { entries.withLock { $0 } }

    /// A logger that records here.
    var logger: Logger { Logger(label: "recorded") { _ in Handler(recorder: self) } }

    private struct Handler: LogHandler {
        let recorder: RecordedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .warning

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.entries.withLock { $0.append("\(event.message)") }
        }
    }
}
