import Foundation
import SyncCore

/// The report's aggregates in Databricks SQL: arrays are expanded with `explode`, folders taken
/// from the path, reviews applied with a join; only aggregates and the capped file lists come back.
struct DeltaReportQueries {
    /// The qualified tables.
    let table: String
    let reviews: String
    let events: String
    let query: ReportQuery
    let executor: any StatementExecutor

    private var range: PathRange { query.range }
    private var live: String { DeltaSQL.scoped + " AND t.`deleted_at` IS NULL" }
    /// The path relative to the scope.
    private func relative(_ column: String) -> String { "substr(\(column), :start)" }
    private var parameters: [SQLParameter] {
        DeltaSQL.scopeParameters(range) + [
            SQLParameter("start", String(range.prefix.utf8.count + 1), type: "INT"),
            SQLParameter("now", Timestamps.text(query.now), type: "TIMESTAMP"),
        ]
    }

    /// The live rows' effective labels: one row per file and label, less the labels DXR lists as
    /// manually removed and those an active false-positive review took away (by path or content).
    private var effectiveLabels: String {
        """
        WITH labelled AS (
          SELECT t.`file_path` AS file_path, t.`sha256` AS sha256, t.`file_size` AS file_size,
          t.`dxr_removed_labels` AS removed, e.label AS label
          FROM \(table) AS t LATERAL VIEW explode(t.`labels`) e AS label WHERE \(live)
        ), reviewed AS (
          SELECT l.file_path, l.label FROM labelled AS l JOIN \(reviews) AS r
          ON r.`label` = l.label AND (r.`file_path` = l.file_path OR r.`sha256` = l.sha256)
          WHERE r.`verdict` = 'FALSE_POSITIVE' AND (r.`expires_at` IS NULL OR r.`expires_at` > :now)
          UNION
          SELECT l.file_path, l.label FROM labelled AS l WHERE coalesce(array_contains(l.removed, l.label), false)
        ), effective AS (
          SELECT l.file_path, l.label, l.file_size FROM labelled AS l
          LEFT ANTI JOIN reviewed AS v ON v.file_path = l.file_path AND v.label = l.label
        )
        """
    }

    private static func hasLabels(_ row: String) -> String { "coalesce(size(\(row).`labels`), 0) > 0" }

    func run() async throws -> ReportAggregates {
        var result = ReportAggregates()
        if let row = try await rows(
            """
            SELECT count_if(t.`deleted_at` IS NULL), coalesce(sum(CASE WHEN t.`deleted_at` IS NULL THEN t.`file_size` END), 0),
            count_if(t.`deleted_at` IS NOT NULL) FROM \(table) AS t WHERE \(DeltaSQL.scoped)
            """
        ).first {
            result.totals = StoreReport.Tally(files: count(row, 0), bytes: row.integer(at: 1) ?? 0)
            result.deleted = count(row, 2)
        }
        result.byStatus = try await tallies(
            """
            SELECT coalesce(t.`status`, 'UNKNOWN'), count(*), coalesce(sum(t.`file_size`), 0) FROM \(table) AS t
            WHERE \(live) GROUP BY coalesce(t.`status`, 'UNKNOWN')
            """)
        let coverage = """
            coalesce(t.`coverage`, CASE WHEN t.`status` IS NULL THEN 'NOT_EVALUATED' WHEN t.`status` = 'SKIPPED'
            THEN 'SKIPPED' WHEN t.`status` = 'FAILED' THEN 'FAILED' WHEN \(Self.hasLabels("t"))
            THEN 'CLASSIFIED_WITH_FINDINGS' ELSE 'CLASSIFIED_NO_FINDINGS' END)
            """
        result.coverage = try await tallies(
            "SELECT \(coverage), count(*), coalesce(sum(t.`file_size`), 0) FROM \(table) AS t WHERE \(live) GROUP BY \(coverage)"
        )
        result.byLabel = try await tallies(
            effectiveLabels + " SELECT label, count(*), coalesce(sum(file_size), 0) FROM effective GROUP BY label")
        for row in try await rows(
            effectiveLabels + """
                 SELECT l.label, count(*) FROM labelled AS l
                LEFT ANTI JOIN effective AS f ON f.file_path = l.file_path AND f.label = l.label GROUP BY l.label
                """)
        {
            result.reviewedAway[row.text(at: 0) ?? ""] = count(row, 1)
        }
        result.byDetector = try await tallies(expanding: "annotators")
        result.byCategory = try await tallies(expanding: "categories")
        let directory = "regexp_extract(\(relative("t.`file_path`")), '^(.*)/', 1)"
        result.directories = try await rows(
            """
            SELECT \(directory), count(*), coalesce(sum(t.`file_size`), 0), count_if(t.`status` = 'CLASSIFIED'),
            count_if(\(Self.hasLabels("t"))), count_if(t.`status` = 'SKIPPED'),
            count_if(t.`status` IS NULL OR t.`status` = 'FAILED')
            FROM \(table) AS t WHERE \(live) GROUP BY \(directory)
            """
        ).map { row in
            var folder = StoreReport.Folder(path: row.text(at: 0) ?? "")
            folder.files = count(row, 1)
            folder.bytes = row.integer(at: 2) ?? 0
            folder.classified = count(row, 3)
            folder.withFindings = count(row, 4)
            folder.skipped = count(row, 5)
            folder.failed = count(row, 6)
            return folder
        }
        result.labelFiles = try await firstFiles(effectiveLabels + " SELECT label, file_path FROM effective")
        result.filesWithFindings =
            try await rows(effectiveLabels + " SELECT count(DISTINCT file_path) FROM effective").first.map {
                count($0, 0)
            } ?? 0
        result.findings = try await rows(
            effectiveLabels + """
                , ranked AS (
                  SELECT file_path, row_number() OVER (PARTITION BY label ORDER BY file_path) AS position FROM effective
                ), firsts AS (
                  SELECT DISTINCT file_path FROM effective ORDER BY file_path LIMIT \(max(0, query.filesPerLabel))
                ), listed AS (
                  SELECT file_path FROM ranked WHERE position <= \(max(0, query.filesPerLabel))
                  UNION SELECT file_path FROM firsts
                )
                SELECT \(relative("e.file_path")), max(e.file_size), sort_array(collect_list(e.label)) FROM effective AS e
                WHERE e.file_path IN (SELECT l.file_path FROM listed AS l) GROUP BY e.file_path ORDER BY e.file_path
                """
        ).map {
            StoreReport.Finding(path: $0.text(at: 0) ?? "", bytes: $0.integer(at: 1) ?? 0, labels: $0.strings(at: 2))
        }
        if let since = query.since { try await addChanges(since: since, to: &result) }
        return result
    }

    /// The labels added and removed since `since`, from the label history of the scope's files.
    private func addChanges(since: Date, to result: inout ReportAggregates) async throws {
        let recent = """
            SELECT e.`item` AS label, e.`file_path` AS file_path, e.`change` AS change FROM \(events) AS e
            WHERE e.`item_kind` = 'LABEL' AND e.`changed_at` >= :since AND e.`file_path` >= :prefix
            AND e.`file_path` < :upper
            """
        let since = [SQLParameter("since", Timestamps.text(since), type: "TIMESTAMP")]
        for row in try await rows(
            "SELECT c.label, c.change, count(DISTINCT c.file_path) FROM (\(recent)) AS c GROUP BY c.label, c.change",
            extra: since)
        {
            if row.text(at: 1) == LabelEvent.Change.added.rawValue {
                result.added[row.text(at: 0) ?? ""] = count(row, 2)
            } else {
                result.removed[row.text(at: 0) ?? ""] = count(row, 2)
            }
        }
        result.addedFiles = try await firstFiles(
            "SELECT DISTINCT c.label, c.file_path FROM (\(recent)) AS c WHERE c.change = 'ADDED'", extra: since)
    }

    /// The first `filesPerLabel` paths (relative to the scope) of each label of `rows` (a query
    /// with `label` and `file_path` columns), in path order.
    private func firstFiles(_ source: String, extra: [SQLParameter] = []) async throws -> [(
        label: String, path: String
    )] {
        try await rows(
            """
            SELECT ranked.label, ranked.path FROM (
              SELECT listed.label AS label, \(relative("listed.file_path")) AS path,
              row_number() OVER (PARTITION BY listed.label ORDER BY listed.file_path) AS position
              FROM (\(source)) AS listed
            ) AS ranked WHERE ranked.position <= \(max(0, query.filesPerLabel)) ORDER BY ranked.label, ranked.position
            """, extra: extra
        ).map { (label: $0.text(at: 0) ?? "", path: $0.text(at: 1) ?? "") }
    }

    private func tallies(expanding column: String) async throws -> [String: StoreReport.Tally] {
        try await tallies(
            """
            SELECT e.value, count(*), coalesce(sum(t.`file_size`), 0)
            FROM \(table) AS t LATERAL VIEW explode(t.`\(column)`) e AS value WHERE \(live) GROUP BY e.value
            """)
    }

    private func tallies(_ statement: String) async throws -> [String: StoreReport.Tally] {
        var tallies: [String: StoreReport.Tally] = [:]
        for row in try await rows(statement) {
            tallies[row.text(at: 0) ?? ""] = StoreReport.Tally(files: count(row, 1), bytes: row.integer(at: 2) ?? 0)
        }
        return tallies
    }

    private func rows(_ statement: String, extra: [SQLParameter] = []) async throws -> [[String?]] {
        try await executor.execute(statement, parameters: parameters + extra).rows
    }

    private func count(_ row: [String?], _ position: Int) -> Int { Int(row.integer(at: position) ?? 0) }
}
