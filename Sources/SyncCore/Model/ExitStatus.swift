/// How a command ends: the exit codes of the command line, in one place. Errors say which kind of
/// failure they are through ``RunFailure``; the command line, ``RunSummary`` and the run ledger all
/// read the code from here.
package enum ExitStatus: Int32, Sendable, Hashable {
    /// Every file accounted for, failures within `DXRSYNC_MAX_FAILED_RATIO`.
    case success = 0
    /// The run finished, but more files failed than tolerated, no job succeeded, a safety rail
    /// (the mass-deletion guard) held a step back, or the volume tags asked for were not set.
    case filesFailed = 1
    /// A usage or configuration error, found before anything was uploaded.
    case configuration = 2
    /// A fatal runtime error (rejected credentials, an unreachable service), or an interruption.
    case fatal = 3

    /// The status an error ends the process with: its ``RunFailure/kind``, or fatal for any error
    /// that does not say.
    package init(for error: any Error) {
        self.init((error as? any RunFailure)?.kind ?? .fatal)
    }

    /// The status a kind of failure ends the process with.
    package init(_ kind: FailureKind) {
        switch kind {
        case .configuration: self = .configuration
        case .fatal: self = .fatal
        }
    }
}

/// The two kinds of failure that stop a command early.
package enum FailureKind: String, Sendable, Hashable, Codable {
    /// Fixed by changing the configuration or the command line (exit 2); nothing was uploaded.
    case configuration
    /// Anything else that stops the run (exit 3).
    case fatal
}

/// An error that knows what kind of failure it is. Its description says what went wrong and what
/// to do, names the variable, file or request at fault, and never holds a secret.
package protocol RunFailure: Error, CustomStringConvertible {
    var kind: FailureKind { get }
}
