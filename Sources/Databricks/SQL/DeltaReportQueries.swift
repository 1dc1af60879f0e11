import SyncCore

/// The report's aggregates in Databricks SQL: arrays are expanded with `explode`, folders taken
/// from the path; only aggregates and the capped file lists come back.
struct DeltaReportQueries {
    /// The qualified table name.
    let table: String
    let range: PathRange
    let executor: any StatementExecutor

    private var live: String { DeltaSQL.scoped + " AND t.`deleted_at` IS NULL" }
    /// The path relative to the scope.
    private var relative: String { "substr(t.`file_path`, :start)" }
    private var parameters: [SQLParameter] {
        DeltaSQL.scopeParameters(range) + [SQLParameter("start", String(range.prefix.utf8.count + 1), type: "INT")]
    }

    func run(filesPerLabel: Int) async throws -> ReportAggregates {
        var result = ReportAggregates()
        let totals = try await query(
            """
            SELECT count_if(t.`deleted_at` IS NULL), coalesce(sum(CASE WHEN t.`deleted_at` IS NULL THEN t.`file_size` END), 0),
            count_if(t.`deleted_at` IS NOT NULL) FROM \(table) AS t WHERE \(DeltaSQL.scoped)
            """)
        if let row = totals.first {
            result.totals = StoreReport.Tally(files: count(row, 0), bytes: row.integer(at: 1) ?? 0)
            result.deleted = count(row, 2)
        }
        result.byStatus = try await tallies(
            """
            SELECT coalesce(t.`status`, 'UNKNOWN'), count(*), coalesce(sum(t.`file_size`), 0) FROM \(table) AS t
            WHERE \(live) GROUP BY coalesce(t.`status`, 'UNKNOWN')
            """)
        result.byLabel = try await tallies(expanding: "labels")
        result.byDetector = try await tallies(expanding: "annotators")
        result.byCategory = try await tallies(expanding: "categories")
        let directory = "regexp_extract(\(relative), '^(.*)/', 1)"
        result.directories = try await query(
            """
            SELECT \(directory), count(*), coalesce(sum(t.`file_size`), 0), count_if(t.`status` = 'CLASSIFIED'),
            count_if(size(t.`labels`) > 0), count_if(t.`status` = 'SKIPPED'),
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
        result.labelFiles = try await query(
            """
            SELECT ranked.label, ranked.path FROM (
              SELECT e.label AS label, \(relative) AS path,
              row_number() OVER (PARTITION BY e.label ORDER BY t.`file_path`) AS position
              FROM \(table) AS t LATERAL VIEW explode(t.`labels`) e AS label WHERE \(live)
            ) AS ranked WHERE ranked.position <= \(max(0, filesPerLabel)) ORDER BY ranked.label, ranked.position
            """
        ).map { (label: $0.text(at: 0) ?? "", path: $0.text(at: 1) ?? "") }
        return result
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
        for row in try await query(statement) {
            tallies[row.text(at: 0) ?? ""] = StoreReport.Tally(files: count(row, 1), bytes: row.integer(at: 2) ?? 0)
        }
        return tallies
    }

    private func query(_ statement: String) async throws -> [[String?]] {
        try await executor.execute(statement, parameters: parameters).rows
    }

    private func count(_ row: [String?], _ position: Int) -> Int { Int(row.integer(at: position) ?? 0) }
}
