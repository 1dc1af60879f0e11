import Foundation
import GRDB
import SyncCore

/// The report's SQL in SQLite: arrays are JSON text, expanded with `json_each` (an invalid cell
/// counts as empty), booleans are integers, placeholders are `?`.
struct SQLiteReportDialect: ReportDialect {
    func quoted(_ identifier: String) -> String { SQLiteStore.quoted(identifier) }

    /// The array cell, or an empty array when it is not valid JSON.
    private func array(_ cell: SQLFragment) -> SQLFragment {
        "CASE WHEN json_valid(\(cell)) THEN \(cell) ELSE '[]' END"
    }

    func expanding(_ array: SQLFragment, as alias: String) -> SQLFragment {
        ", json_each(\(self.array(array))) AS \(SQLFragment(sql: alias))"
    }

    func contains(_ array: SQLFragment, _ value: SQLFragment) -> SQLFragment {
        "EXISTS (SELECT 1 FROM json_each(\(self.array(array))) AS contained WHERE contained.value = \(value))"
    }

    func count(ofArray array: SQLFragment) -> SQLFragment {
        "coalesce(CASE WHEN json_valid(\(array)) THEN json_array_length(\(array)) END, 0)"
    }

    func folder(of path: SQLFragment) -> SQLFragment {
        // Everything up to the last '/': trim from the right every character that is not a '/'.
        "rtrim(\(path), replace(\(path), '/', ''))"
    }

    func collected(_ value: SQLFragment) -> SQLFragment { "json_group_array(\(value))" }
}

/// Runs the report's statements in one read transaction of the SQLite file: one snapshot, however
/// a sync writes meanwhile.
struct SQLiteReportRunner: ReportStatementRunner {
    let database: DatabaseQueue

    var dialect: any ReportDialect { SQLiteReportDialect() }

    func rows(of statements: [SQLFragment]) async throws -> [[[String?]]] {
        let prepared = statements.map { statement in
            let (sql, values) = statement.rendered { _ in "?" }
            return (sql, StatementArguments(values.map(Self.argument)))
        }
        return try await database.read { db in
            try prepared.map { sql, arguments in
                try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    let cells = SQLiteCells(row)
                    return (0..<row.count).map { cells.text(at: $0) }
                }
            }
        }
    }

    private static func argument(_ value: SQLValue) -> (any DatabaseValueConvertible)? {
        switch value {
        case .text(let text): text
        case .integer(let number): number
        case .timestamp(let date): Timestamps.text(date)
        }
    }
}
