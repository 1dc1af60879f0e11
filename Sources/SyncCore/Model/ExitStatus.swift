/// How a command ends: the exit codes of the command line, in one place. Errors say which kind of
/// failure they are through ``RunFailure``; the command line, ``RunSummary`` and the run ledger all
/// read the code from here.
package enum ExitStatus: Int32, Sendable, Hashable, CaseIterable {
    /// Every file accounted for, failures within `DXRSYNC_MAX_FAILED_RATIO`.
    case success = 0
    /// The run finished, but more files failed than tolerated, or a safety rail held a step back.
    case filesFailed = 1
    /// A usage or configuration error.
    case configuration = 2
    /// A fatal runtime error, or an interruption.
    case fatal = 3

    /// What the code tells the person or scheduler that ran the command, in the catalogue's markup
    /// (backticks around names). Written only here: the README's table (`dxrsync docs --exit-codes`)
    /// and `--help` read it.
    package var meaning: String {
        switch self {
        case .success:
            "Every file accounted for; the failed files (each a `FAILED` row, retried next run) are at most "
                + "`DXRSYNC_MAX_FAILED_RATIO` of the files sent to DXR."
        case .filesFailed:
            "The run finished, but more files failed than that, or none of the files sent was classified, or the "
                + "mass-deletion guard held tombstones back, or the volume tags asked for (`DXRSYNC_TAG_VOLUME`) "
                + "could not be set."
        case .configuration:
            "Usage or configuration error: a bad variable, an existing metadata table whose columns have the wrong "
                + "types, a DXR token DXR refuses, a datasource it does not know, a secret that cannot be read. "
                + "Found before anything is uploaded, or (token, datasource) when DXR refuses them, which stops the "
                + "run."
        case .fatal:
            "Fatal runtime error (for example DXR gives no HTTP answer at all, or its TLS certificate is not "
                + "trusted, or the warehouse fails), or the run was interrupted (SIGINT, SIGTERM: a cancelled "
                + "Databricks run)."
        }
    }

    /// The status an error ends the process with: its ``RunFailure/kind``, or fatal for any error
    /// that does not say.
    package init(for error: any Error) {
        self.init(FailureKind(of: error))
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

    /// The kind an error says it is (``RunFailure``), or fatal for any error that does not say.
    package init(of error: any Error) {
        self = (error as? any RunFailure)?.kind ?? .fatal
    }
}

/// An error that knows what kind of failure it is. Its description says what went wrong and what
/// to do, names the variable, file or request at fault, and never holds a secret.
package protocol RunFailure: Error, CustomStringConvertible {
    var kind: FailureKind { get }
}
