import GRDB
import SyncCore

/// The report's aggregates as SQLite computes them: arrays are expanded with `json_each`, folders
/// taken from the path; nothing is read row by row into memory.
struct SQLiteReportQueries {
    /// The quoted table name.
    let table: String
    let range: PathRange

    /// The rows under the scope, and the live ones.
    private var scoped: String { "file_path >= ? AND file_path < ?" }
    private var live: String { scoped + " AND deleted_at IS NULL" }
    private var arguments: StatementArguments { [range.prefix, range.upperBound] }

    /// A JSON array column as a table of its values (an invalid cell counts as empty).
    private func values(_ column: String) -> String {
        "json_each(CASE WHEN json_valid(t.\(column)) THEN t.\(column) ELSE '[]' END) AS j"
    }

    func run(_ db: Database, filesPerLabel: Int) throws -> ReportAggregates {
        var result = ReportAggregates()
        if let row = try Row.fetchOne(
            db,
            sql: """
                SELECT coalesce(sum(deleted_at IS NULL), 0), coalesce(sum(CASE WHEN deleted_at IS NULL THEN file_size END), 0),
                coalesce(sum(deleted_at IS NOT NULL), 0) FROM \(table) WHERE \(scoped)
                """, arguments: arguments)
        {
            result.totals = StoreReport.Tally(files: row[0], bytes: row[1])
            result.deleted = row[2]
        }
        result.byStatus = try tallies(
            db,
            "SELECT coalesce(status, 'UNKNOWN'), count(*), coalesce(sum(file_size), 0) FROM \(table) WHERE \(live) GROUP BY 1"
        )
        result.byLabel = try tallies(db, expanding: "labels")
        result.byDetector = try tallies(db, expanding: "annotators")
        result.byCategory = try tallies(db, expanding: "categories")
        result.directories = try Row.fetchAll(
            db,
            sql: """
                SELECT rtrim(substr(file_path, ?), replace(substr(file_path, ?), '/', '')) AS directory, count(*),
                coalesce(sum(file_size), 0), sum(status = 'CLASSIFIED'),
                sum(CASE WHEN json_valid(labels) THEN json_array_length(labels) > 0 ELSE 0 END),
                sum(status = 'SKIPPED'), sum(status IS NULL OR status = 'FAILED')
                FROM \(table) WHERE \(live) GROUP BY directory
                """,
            arguments: [range.prefix.utf8.count + 1, range.prefix.utf8.count + 1] + arguments
        ).map { row in
            var folder = StoreReport.Folder(path: String((row[0] as String).dropLast()))
            folder.files = row[1]
            folder.bytes = row[2]
            folder.classified = row[3]
            folder.withFindings = row[4]
            folder.skipped = row[5]
            folder.failed = row[6]
            return folder
        }
        result.labelFiles = try Row.fetchAll(
            db,
            sql: """
                SELECT label, path FROM (
                  SELECT j.value AS label, substr(t.file_path, ?) AS path,
                  row_number() OVER (PARTITION BY j.value ORDER BY t.file_path) AS position
                  FROM \(table) AS t, \(values("labels")) WHERE \(live)
                ) WHERE position <= ? ORDER BY label, position
                """,
            arguments: [range.prefix.utf8.count + 1] + arguments + [filesPerLabel]
        ).map { (label: $0[0], path: $0[1]) }
        return result
    }

    private func tallies(_ db: Database, expanding column: String) throws -> [String: StoreReport.Tally] {
        try tallies(
            db,
            """
            SELECT j.value, count(*), coalesce(sum(t.file_size), 0) FROM \(table) AS t, \(values(column))
            WHERE \(live) GROUP BY j.value
            """)
    }

    private func tallies(_ db: Database, _ sql: String) throws -> [String: StoreReport.Tally] {
        var tallies: [String: StoreReport.Tally] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            tallies[row[0] ?? ""] = StoreReport.Tally(files: row[1], bytes: row[2])
        }
        return tallies
    }
}
