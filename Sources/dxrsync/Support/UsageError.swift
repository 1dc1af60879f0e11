import SyncCore

/// A command used in a way that cannot work (exit 2), with what to do instead.
struct UsageError: RunFailure {
    let message: String

    init(_ message: String) { self.message = message }

    var kind: FailureKind { .configuration }
    var description: String { message }
}
