import SyncCore

/// A statement the warehouse accepted but did not run to success (`FAILED`, `CANCELED`,
/// `CLOSED`, or no answer in time). Names the statement, the SQLSTATE and Databricks' message.
package struct StatementFailure: RunFailure, Sendable {
    /// The statement's first words, for messages (no parameter values).
    package var statement: String
    package var state: String
    package var sqlState: String?
    package var errorCode: String?
    package var message: String

    package init(statement: String, state: String, sqlState: String?, errorCode: String?, message: String) {
        self.statement = statement
        self.state = state
        self.sqlState = sqlState
        self.errorCode = errorCode
        self.message = message
    }

    package var kind: FailureKind { .fatal }

    /// A Delta optimistic-concurrency conflict (SQLSTATE 2D521, `DELTA_CONCURRENT_*`): the
    /// statement can be run again.
    package var isConcurrentWriteConflict: Bool {
        sqlState == "2D521" || message.contains("DELTA_CONCURRENT_") || message.contains("DELTA_METADATA_CHANGED")
    }

    package var description: String {
        let code = [errorCode, sqlState.map { "SQLSTATE \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return "SQL statement \(state)\(code.isEmpty ? "" : " (\(code))"): \(message) [statement: \(statement)]"
    }
}
