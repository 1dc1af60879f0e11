import Foundation

/// The report's aggregates, written once over a ``ReportDialect`` and run by either store: arrays
/// expanded, folders taken from the path, reviews applied (``ReportRules``), all in SQL; only the
/// aggregates and the capped file lists come back, so a million rows take the memory of a few.
package struct ReportQueries: Sendable {
    /// The metadata table, the reviews and the label history, quoted by the store.
    package let table: SQLFragment
    package let reviews: SQLFragment
    package let events: SQLFragment
    package let query: ReportQuery
    package let runner: any ReportStatementRunner

    package init(
        table: SQLFragment, reviews: SQLFragment, events: SQLFragment, query: ReportQuery,
        runner: any ReportStatementRunner
    ) {
        self.table = table
        self.reviews = reviews
        self.events = events
        self.query = query
        self.runner = runner
    }

    private var dialect: any ReportDialect { runner.dialect }
    private func t(_ column: String) -> SQLFragment { dialect.column("t", column) }

    /// The rows under the scope, and the live ones among them.
    private var scoped: SQLFragment {
        let range = query.range
        return
            "\(t("file_path")) >= \(bind: .text(range.prefix)) AND \(t("file_path")) < \(bind: .text(range.upperBound))"
    }
    private var live: SQLFragment { "\(scoped) AND \(t("deleted_at")) IS NULL" }

    /// The path relative to the scope.
    private func relative(_ path: SQLFragment) -> SQLFragment {
        "substr(\(path), \(literal: query.range.prefix.utf8.count + 1))"
    }

    /// How many files are listed per label and overall.
    private var listed: Int { max(0, query.filesPerLabel) }

    /// `WITH labelled …, reviewed …, effective …` over the live rows, reviews judged now.
    private var effectiveLabels: SQLFragment {
        "WITH "
            + ReportRules.effectiveLabels(
                dialect, table: table, reviews: reviews, rows: live, now: "\(bind: .timestamp(query.now))")
    }

    /// Three statements, each one pass over the scope's rows: the plain columns grouped by
    /// status, coverage and folder; the detectors and categories; the effective labels with every
    /// figure drawn from them. (One statement per figure read the table a dozen times: 25 s for a
    /// million SQLite rows.)
    /// All statements run together, in one snapshot where the store has one (SQLite's read
    /// transaction), so the figures agree with each other while a sync writes.
    package func run() async throws -> ReportAggregates {
        let parts = [groups, expandedColumns, labels] + (query.since.map(changes) ?? [])
        let results = try await runner.rows(of: parts.map(\.statement))
        var result = ReportAggregates()
        for (part, rows) in zip(parts, results) { part.apply(rows, &result) }
        return result
    }

    /// One statement of the report, and how its rows fill the aggregates.
    private struct Part {
        var statement: SQLFragment
        var apply: ([[String?]], inout ReportAggregates) -> Void
    }

    /// Totals, statuses, coverage and folders from the scope's rows grouped by whether they are
    /// live, status, coverage class and folder.
    private var groups: Part {
        let folder = dialect.folder(of: relative(t("file_path")))
        let isLive: SQLFragment = "CASE WHEN \(t("deleted_at")) IS NULL THEN 1 ELSE 0 END"
        let status: SQLFragment = "coalesce(\(t("status")), 'UNKNOWN')"
        let coverage = ReportRules.coverage(dialect)
        let statement: SQLFragment = """
            SELECT \(isLive), \(status), \(coverage), \(folder), count(*), coalesce(sum(\(t("file_size"))), 0)
            FROM \(table) AS t WHERE \(scoped) GROUP BY \(isLive), \(status), \(coverage), \(folder)
            """
        return Part(statement: statement) { rows, result in
            var folders: [String: StoreReport.Folder] = [:]
            for row in rows {
                let tally = StoreReport.Tally(files: Self.count(row, 4), bytes: Self.integer(row, 5))
                guard row[0] == "1" else {
                    result.deleted += tally.files
                    continue
                }
                let status = row[1] ?? "UNKNOWN"
                result.totals.add(tally)
                result.byStatus[status, default: .zero].add(tally)
                result.coverage[row[2] ?? "", default: .zero].add(tally)
                let path = Self.folderPath(row[3])
                folders[path, default: StoreReport.Folder(path: path)].add(tally, status: status)
            }
            result.directories = folders.keys.sorted().compactMap { folders[$0] }
        }
    }

    /// Files and bytes per detector and per category.
    private var expandedColumns: Part {
        let statements = ["annotators", "categories"].map { column -> SQLFragment in
            """
            SELECT '\(SQLFragment(sql: column))', x.value, count(*), coalesce(sum(\(t("file_size"))), 0)
            FROM \(table) AS t\(dialect.expanding(t(column), as: "x")) WHERE \(live) GROUP BY x.value
            """
        }
        return Part(statement: SQLFragment.joined(statements, separator: " UNION ALL ")) { rows, result in
            for row in rows {
                let tally = StoreReport.Tally(files: Self.count(row, 2), bytes: Self.integer(row, 3))
                if row[0] == "annotators" {
                    result.byDetector[row[1] ?? ""] = tally
                } else {
                    result.byCategory[row[1] ?? ""] = tally
                }
            }
        }
    }

    /// Every figure about labels, from one reading of the effective labels: files and bytes per
    /// label, the labels reviews took away, the files with findings (in all and per folder), the
    /// first files of each label, and the findings listed with all their labels. Each row says
    /// which it is.
    private var labels: Part {
        let folder = dialect.folder(of: relative("file_path"))
        let statement =
            effectiveLabels
                + """
                , ranked AS (
                  SELECT label, file_path, row_number() OVER (PARTITION BY label ORDER BY file_path) AS position
                  FROM effective
                ), firsts AS (
                  SELECT DISTINCT file_path FROM effective ORDER BY file_path LIMIT \(literal: listed)
                ), listed AS (
                  SELECT file_path FROM ranked WHERE position <= \(literal: listed)
                  UNION SELECT file_path FROM firsts
                )
                SELECT 'label', label, count(*), coalesce(sum(file_size), 0), NULL FROM effective GROUP BY label
                UNION ALL
                SELECT 'away', l.label, count(*), 0, NULL FROM labelled AS l WHERE NOT EXISTS (
                  SELECT 1 FROM effective AS f WHERE f.file_path = l.file_path AND f.label = l.label) GROUP BY l.label
                UNION ALL
                SELECT 'files', NULL, count(DISTINCT file_path), 0, NULL FROM effective
                UNION ALL
                SELECT 'folder', \(folder), count(DISTINCT file_path), 0, NULL FROM effective GROUP BY \(folder)
                UNION ALL
                SELECT 'first', label, position, 0, \(relative("file_path")) FROM ranked WHERE position <= \(literal: listed)
                UNION ALL
                SELECT 'finding', \(relative("e.file_path")), max(e.file_size), 0, \(dialect.collected("e.label"))
                FROM effective AS e WHERE e.file_path IN (SELECT s.file_path FROM listed AS s) GROUP BY e.file_path
                """
        return Part(statement: statement) { rows, result in
            var firsts: [(label: String, position: Int, path: String)] = []
            var folderFindings: [String: Int] = [:]
            for row in rows {
                switch row[0] {
                case "label":
                    result.byLabel[row[1] ?? ""] = StoreReport.Tally(
                        files: Self.count(row, 2), bytes: Self.integer(row, 3))
                case "away": result.reviewedAway[row[1] ?? ""] = Self.count(row, 2)
                case "files": result.filesWithFindings = Self.count(row, 2)
                case "folder": folderFindings[Self.folderPath(row[1]), default: 0] += Self.count(row, 2)
                case "first": firsts.append((row[1] ?? "", Self.count(row, 2), row[4] ?? ""))
                default:
                    result.findings.append(
                        StoreReport.Finding(
                            path: row[1] ?? "", bytes: Self.integer(row, 2), labels: Self.strings(row[4]).sorted()))
                }
            }
            result.labelFiles = firsts.sorted { ($0.label, $0.position) < ($1.label, $1.position) }.map {
                (label: $0.label, path: $0.path)
            }
            result.findings.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            for index in result.directories.indices {
                result.directories[index].withFindings = folderFindings[result.directories[index].path] ?? 0
            }
        }
    }

    /// A folder as both statements give it: without the trailing `/`.
    private static func folderPath(_ cell: String?) -> String {
        var path = cell ?? ""
        if path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The labels added and removed since `since`, from the label history of the scope's files,
    /// and the first files of each label added.
    private func changes(since: Date) -> [Part] {
        let e = { dialect.column("e", $0) }
        let range = query.range
        let recent: SQLFragment = """
            SELECT \(e("item")) AS label, \(e("file_path")) AS file_path, \(e("change")) AS change FROM \(events) AS e
            WHERE \(e("item_kind")) = 'LABEL' AND \(e("changed_at")) >= \(bind: .timestamp(since))
            AND \(e("file_path")) >= \(bind: .text(range.prefix)) AND \(e("file_path")) < \(bind: .text(range.upperBound))
            """
        let counts = Part(
            statement:
                "SELECT c.label, c.change, count(DISTINCT c.file_path) FROM (\(recent)) AS c GROUP BY c.label, c.change"
        ) { rows, result in
            for row in rows {
                if row[1] == LabelEvent.Change.added.rawValue {
                    result.added[row[0] ?? ""] = Self.count(row, 2)
                } else {
                    result.removed[row[0] ?? ""] = Self.count(row, 2)
                }
            }
        }
        let added: SQLFragment = "SELECT DISTINCT c.label, c.file_path FROM (\(recent)) AS c WHERE c.change = 'ADDED'"
        let firstAdded = Part(
            statement: """
                SELECT ranked.label, ranked.path FROM (
                  SELECT listed.label AS label, \(relative("listed.file_path")) AS path,
                  row_number() OVER (PARTITION BY listed.label ORDER BY listed.file_path) AS position
                  FROM (\(added)) AS listed
                ) AS ranked WHERE ranked.position <= \(literal: listed) ORDER BY ranked.label, ranked.position
                """
        ) { rows, result in
            result.addedFiles = rows.map { (label: $0[0] ?? "", path: $0[1] ?? "") }
        }
        return [counts, firstAdded]
    }

    private static func integer(_ row: [String?], _ position: Int) -> Int64 {
        row.indices.contains(position) ? row[position].flatMap { Int64($0) ?? Double($0).map { Int64($0) } } ?? 0 : 0
    }

    private static func count(_ row: [String?], _ position: Int) -> Int { Int(integer(row, position)) }

    /// A JSON array cell's strings.
    private static func strings(_ cell: String?) -> [String] {
        guard let data = cell?.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
}

extension StoreReport.Tally {
    fileprivate static let zero = StoreReport.Tally(files: 0, bytes: 0)

    fileprivate mutating func add(_ other: StoreReport.Tally) {
        files += other.files
        bytes += other.bytes
    }
}

extension StoreReport.Folder {
    /// Adds a group of rows with one status (the files with findings, reviews applied, come from
    /// the effective labels).
    fileprivate mutating func add(_ tally: StoreReport.Tally, status: String) {
        files += tally.files
        bytes += tally.bytes
        switch status {
        case FileStatus.classified.rawValue: classified += tally.files
        case FileStatus.skipped.rawValue: skipped += tally.files
        case FileStatus.failed.rawValue, "UNKNOWN": failed += tally.files
        default: break
        }
    }
}
