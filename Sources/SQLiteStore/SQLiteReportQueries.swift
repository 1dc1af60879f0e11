import Foundation
import GRDB
import SyncCore

/// The report's aggregates as SQLite computes them: arrays are expanded with `json_each`, folders
/// taken from the path, reviews applied with a join; nothing is read row by row into memory.
struct SQLiteReportQueries {
    /// The quoted tables.
    let table: String
    let reviews: String
    let events: String
    let query: ReportQuery

    private var range: PathRange { query.range }
    /// The rows under the scope, and the live ones.
    private var scoped: String { "t.file_path >= ? AND t.file_path < ?" }
    private var live: String { scoped + " AND t.deleted_at IS NULL" }
    private var arguments: StatementArguments { [range.prefix, range.upperBound] }
    /// Where the path relative to the scope starts (1-based).
    private var start: Int { range.prefix.utf8.count + 1 }

    /// A JSON array cell as a table of its values (an invalid cell counts as empty).
    private static func values(_ cell: String, as alias: String = "j") -> String {
        "json_each(CASE WHEN json_valid(\(cell)) THEN \(cell) ELSE '[]' END) AS \(alias)"
    }

    private static func hasLabels(_ row: String) -> String {
        "(CASE WHEN json_valid(\(row).labels) THEN json_array_length(\(row).labels) > 0 ELSE 0 END)"
    }

    /// The live rows' effective labels: one row per file and label, less the labels DXR lists as
    /// manually removed and those an active false-positive review took away (by path or content).
    private var effectiveLabels: String {
        """
        WITH labelled AS (
          SELECT t.file_path, t.sha256, t.file_size, t.dxr_removed_labels, j.value AS label
          FROM \(table) AS t, \(Self.values("t.labels")) WHERE \(live)
        ), reviewed AS (
          SELECT l.file_path, l.label FROM labelled AS l JOIN \(reviews) AS r
          ON r.label = l.label AND (r.file_path = l.file_path OR r.sha256 = l.sha256)
          WHERE r.verdict = 'FALSE_POSITIVE' AND (r.expires_at IS NULL OR r.expires_at > ?)
          UNION
          SELECT l.file_path, l.label FROM labelled AS l, \(Self.values("l.dxr_removed_labels", as: "x"))
          WHERE x.value = l.label
        ), effective AS (
          SELECT l.* FROM labelled AS l
          WHERE NOT EXISTS (SELECT 1 FROM reviewed AS v WHERE v.file_path = l.file_path AND v.label = l.label)
        )
        """
    }

    private var effectiveArguments: StatementArguments { arguments + [Timestamps.text(query.now)] }

    /// How many files are listed per label and overall.
    private var listed: Int { max(0, query.filesPerLabel) }

    func run(_ db: Database) throws -> ReportAggregates {
        var result = ReportAggregates()
        if let row = try Row.fetchOne(
            db,
            sql: """
                SELECT coalesce(sum(t.deleted_at IS NULL), 0),
                coalesce(sum(CASE WHEN t.deleted_at IS NULL THEN t.file_size END), 0),
                coalesce(sum(t.deleted_at IS NOT NULL), 0) FROM \(table) AS t WHERE \(scoped)
                """, arguments: arguments)
        {
            result.totals = StoreReport.Tally(files: row[0], bytes: row[1])
            result.deleted = row[2]
        }
        result.byStatus = try tallies(
            db,
            "SELECT coalesce(t.status, 'UNKNOWN'), count(*), coalesce(sum(t.file_size), 0) FROM \(table) AS t WHERE \(live) GROUP BY 1"
        )
        result.coverage = try tallies(
            db,
            """
            SELECT coalesce(t.coverage, CASE WHEN t.status IS NULL THEN 'NOT_EVALUATED' WHEN t.status = 'SKIPPED'
            THEN 'SKIPPED' WHEN t.status = 'FAILED' THEN 'FAILED' WHEN \(Self.hasLabels("t"))
            THEN 'CLASSIFIED_WITH_FINDINGS' ELSE 'CLASSIFIED_NO_FINDINGS' END) AS coverage_class, count(*),
            coalesce(sum(t.file_size), 0) FROM \(table) AS t WHERE \(live) GROUP BY coverage_class
            """)
        result.byLabel = try tallies(
            db, effectiveLabels + " SELECT label, count(*), coalesce(sum(file_size), 0) FROM effective GROUP BY label",
            effectiveArguments)
        for row in try Row.fetchAll(
            db,
            sql: effectiveLabels
                + " SELECT label, count(*) FROM labelled AS l WHERE NOT EXISTS (SELECT 1 FROM effective AS e "
                + "WHERE e.file_path = l.file_path AND e.label = l.label) GROUP BY label",
            arguments: effectiveArguments)
        {
            result.reviewedAway[row[0]] = row[1]
        }
        result.byDetector = try tallies(db, expanding: "annotators")
        result.byCategory = try tallies(db, expanding: "categories")
        result.directories = try Row.fetchAll(
            db,
            sql: """
                SELECT rtrim(substr(t.file_path, ?), replace(substr(t.file_path, ?), '/', '')) AS directory, count(*),
                coalesce(sum(t.file_size), 0), sum(t.status = 'CLASSIFIED'), sum(\(Self.hasLabels("t"))),
                sum(t.status = 'SKIPPED'), sum(t.status IS NULL OR t.status = 'FAILED')
                FROM \(table) AS t WHERE \(live) GROUP BY directory
                """,
            arguments: [start, start] + arguments
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
        result.labelFiles = try firstFiles(
            db, effectiveLabels + " SELECT label, file_path FROM effective", effectiveArguments)
        result.filesWithFindings =
            try Int.fetchOne(
                db, sql: effectiveLabels + " SELECT count(DISTINCT file_path) FROM effective",
                arguments: effectiveArguments) ?? 0
        result.findings = try Row.fetchAll(
            db,
            sql: effectiveLabels + """
                , ranked AS (
                  SELECT file_path, row_number() OVER (PARTITION BY label ORDER BY file_path) AS position FROM effective
                ), listed AS (
                  SELECT file_path FROM ranked WHERE position <= \(listed)
                  UNION SELECT file_path FROM (SELECT DISTINCT file_path FROM effective ORDER BY file_path LIMIT \(listed))
                )
                SELECT substr(e.file_path, \(start)), max(e.file_size), json_group_array(e.label) FROM effective AS e
                WHERE e.file_path IN (SELECT file_path FROM listed) GROUP BY e.file_path ORDER BY e.file_path
                """, arguments: effectiveArguments
        ).map { row in
            let cells = SQLiteCells(row)
            return StoreReport.Finding(
                path: cells.text(at: 0) ?? "", bytes: cells.integer(at: 1) ?? 0, labels: cells.strings(at: 2))
        }
        if let since = query.since { try addChanges(db, since: since, to: &result) }
        return result
    }

    /// The labels added and removed since `since`, from the label history of the scope's files.
    private func addChanges(_ db: Database, since: Date, to result: inout ReportAggregates) throws {
        let recent = """
            SELECT e.item AS label, e.file_path, e.change FROM \(events) AS e
            WHERE e.item_kind = 'LABEL' AND e.changed_at >= ? AND e.file_path >= ? AND e.file_path < ?
            """
        let arguments: StatementArguments = [Timestamps.text(since), range.prefix, range.upperBound]
        for row in try Row.fetchAll(
            db, sql: "SELECT label, change, count(DISTINCT file_path) FROM (\(recent)) GROUP BY label, change",
            arguments: arguments)
        {
            let (label, change, files): (String, String, Int) = (row[0], row[1], row[2])
            if change == LabelEvent.Change.added.rawValue {
                result.added[label] = files
            } else {
                result.removed[label] = files
            }
        }
        result.addedFiles = try firstFiles(
            db, "SELECT DISTINCT label, file_path FROM (\(recent)) WHERE change = 'ADDED'", arguments)
    }

    /// The first `filesPerLabel` paths (relative to the scope) of each label of `rows` (a query
    /// with `label` and `file_path` columns), in path order.
    private func firstFiles(_ db: Database, _ rows: String, _ arguments: StatementArguments) throws -> [(
        label: String, path: String
    )] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT label, path FROM (
                  SELECT label, substr(file_path, \(start)) AS path,
                  row_number() OVER (PARTITION BY label ORDER BY file_path) AS position FROM (\(rows))
                ) WHERE position <= \(max(0, query.filesPerLabel)) ORDER BY label, position
                """, arguments: arguments
        ).map { (label: $0[0], path: $0[1]) }
    }

    private func tallies(_ db: Database, expanding column: String) throws -> [String: StoreReport.Tally] {
        try tallies(
            db,
            """
            SELECT j.value, count(*), coalesce(sum(t.file_size), 0) FROM \(table) AS t, \(Self.values("t." + column))
            WHERE \(live) GROUP BY j.value
            """)
    }

    private func tallies(_ db: Database, _ sql: String, _ arguments: StatementArguments? = nil) throws -> [String:
        StoreReport.Tally]
    {
        var tallies: [String: StoreReport.Tally] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments ?? self.arguments) {
            tallies[row[0] ?? ""] = StoreReport.Tally(files: row[1], bytes: row[2])
        }
        return tallies
    }
}
