import Foundation
import GRDB
import SyncCore

/// The embedded metadata store: the same rows and upsert rules as the Delta table, in one SQLite
/// file. Arrays are JSON text, timestamps ISO-8601 UTC text; paths compare byte for byte (SQLite's
/// `BINARY` collation), so rows come back in the byte order reconciliation merges on.
package struct SQLiteMetadataStore: MetadataStore {
    let database: DatabaseQueue
    let table: String
    let ledgerTable: String
    let eventsTable: String
    let reviewsTable: String
    let dropTable: Bool
    package let tableDescription: String

    /// Rows per transaction, and per page of a large read.
    static let batchSize = 10_000

    /// Opens (or creates) the file at `path`, creating its folder if needed. The ledger, the label
    /// history and the reviews are `<table>_runs`, `<table>_events` and `<table>_reviews`.
    package init(path: String, table: String, dropTable: Bool = false) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        database = try DatabaseQueue(path: path, configuration: configuration)
        let names = MetadataConfiguration(catalog: "", schema: "", table: table, backend: .sqlite(path: path))
        self.table = table
        ledgerTable = names.ledgerTable
        eventsTable = names.eventsTable
        reviewsTable = names.reviewsTable
        self.dropTable = dropTable
        tableDescription = "SQLite table \(table) in \(path)"
    }

    /// Opens the store the configuration names.
    package init(configuration: MetadataConfiguration, path: String) throws {
        try self.init(path: path, table: configuration.table, dropTable: configuration.dropTable)
    }

    package func prepare() async throws {
        let tables = [
            (table, MetadataSchema.columns), (ledgerTable, MetadataSchema.ledgerColumns),
            (eventsTable, MetadataSchema.eventColumns), (reviewsTable, MetadataSchema.reviewColumns),
        ]
        let dropTable = dropTable
        try await database.write { db in
            for (name, columns) in tables {
                // Dropping recreates the table and its ledger; the label history and the stewards'
                // reviews outlive it.
                if dropTable && (columns == MetadataSchema.columns || columns == MetadataSchema.ledgerColumns) {
                    try db.execute(sql: "DROP TABLE IF EXISTS \(quoted(name))")
                }
                try Self.ensure(table: name, columns: columns, in: db)
            }
        }
    }

    /// Creates the table, or adds the columns an older (playbook) table lacks.
    static func ensure(table: String, columns: [MetadataSchema.Column], in db: Database) throws {
        let key = columns.first { $0.merge == .key }?.name
        let existing = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted(table)))").compactMap {
            $0["name"] as String?
        }
        if existing.isEmpty {
            let definitions = columns.map {
                "\(quoted($0.name)) \(sqliteType($0))" + ($0.name == key ? " PRIMARY KEY" : "")
            }
            try db.execute(sql: "CREATE TABLE \(quoted(table)) (\(definitions.joined(separator: ", ")))")
            return
        }
        for column in columns where !existing.contains(column.name) {
            try db.execute(sql: "ALTER TABLE \(quoted(table)) ADD COLUMN \(quoted(column.name)) \(sqliteType(column))")
        }
        // A table made elsewhere may lack the key constraint the upsert relies on.
        if let key {
            try db.execute(
                sql:
                    "CREATE UNIQUE INDEX IF NOT EXISTS \(quoted(table + "_" + key)) ON \(quoted(table)) (\(quoted(key)))"
            )
        }
    }

    static func sqliteType(_ column: MetadataSchema.Column) -> String {
        switch column.deltaType {
        case "BIGINT", "INT": "INTEGER"
        default: "TEXT"
        }
    }

    package func readStoredStates(
        under pathPrefix: String, _ body: ([StoredFileState]) async throws -> Void
    ) async throws {
        let range = PathRange(prefix: pathPrefix)
        // One lower bound per page: given both `>= prefix` and `> after`, SQLite seeks to the
        // prefix and filters its way to `after`, so every page re-read the pages before it.
        func page(from bound: String) -> String {
            """
            SELECT \(StoredFileState.columns.map(quoted).joined(separator: ", ")) FROM \(quoted(table))
            WHERE file_path \(bound) ? AND file_path < ? ORDER BY file_path LIMIT \(Self.batchSize)
            """
        }
        let first = page(from: ">=")
        let next = page(from: ">")
        var after: String?
        while true {
            let (sql, lowerBound) = after.map { (next, $0) } ?? (first, range.prefix)
            let states = try await database.read { db in
                // A cursor read by column position: an incremental run reads every row of the volume.
                let rows = try Row.fetchCursor(db, sql: sql, arguments: [lowerBound, range.upperBound])
                var states: [StoredFileState] = []
                while let row = try rows.next() { states.append(StoredFileState(cells: SQLiteCells(row))) }
                return states
            }
            guard let last = states.last else { return }
            try await body(states)
            after = last.filePath
        }
    }

    package func upsert(_ records: [FileRecord], events: [LabelEvent]) async throws {
        guard !records.isEmpty || !events.isEmpty else { return }
        let rows = Self.upsertStatement(into: table)
        let history = Self.insertStatement(into: eventsTable, columns: MetadataSchema.eventColumns)
        // The history goes in with the first rows, in their transaction.
        var first = true
        for chunk in Self.chunks(of: records) {
            let chunkEvents = first ? events : []
            first = false
            try await database.write { db in
                let upsert = try db.cachedStatement(sql: rows)
                for record in chunk {
                    try upsert.execute(arguments: StatementArguments(SQLiteCells.values(record.columnValues)))
                }
                let insert = try db.cachedStatement(sql: history)
                for event in chunkEvents {
                    try insert.execute(arguments: StatementArguments(SQLiteCells.values(event.columnValues)))
                }
            }
        }
    }

    /// Inserts a row, or merges it into the stored one by ``MetadataSchema/Merge``.
    static func upsertStatement(into table: String) -> String {
        let updates = MetadataSchema.columns.filter { $0.merge != .key }.map {
            "\(quoted($0.name)) = "
                + MetadataSchema.mergedValue(of: $0, stored: quoted(table), new: "excluded", quote: quoted)
        }
        return insertStatement(into: table, columns: MetadataSchema.columns)
            + " ON CONFLICT(file_path) DO UPDATE SET \(updates.joined(separator: ", "))"
    }

    /// `INSERT INTO table (columns) VALUES (?, …)`.
    static func insertStatement(into table: String, columns: [MetadataSchema.Column], verb: String = "INSERT")
        -> String
    {
        "\(verb) INTO \(quoted(table)) (\(columns.map { quoted($0.name) }.joined(separator: ", "))) "
            + "VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }

    /// `items` in slices of ``batchSize``; one empty slice for no items.
    static func chunks<Item>(of items: [Item]) -> [ArraySlice<Item>] {
        guard !items.isEmpty else { return [items[...]] }
        return stride(from: 0, to: items.count, by: batchSize).map { items[$0..<min($0 + batchSize, items.count)] }
    }

    package func recordSameContent(_ files: [SameContent], runID: String) async throws {
        let sql = "UPDATE \(quoted(table)) SET modification_time = ?, run_id = ?, deleted_at = NULL WHERE file_path = ?"
        try await write(files) { db, chunk in
            let statement = try db.cachedStatement(sql: sql)
            for file in chunk { try statement.execute(arguments: [file.modificationTime, runID, file.filePath]) }
        }
    }

    package func tombstone(_ tombstones: [Tombstone], at date: Date, runID: String) async throws {
        guard !tombstones.isEmpty else { return }
        let sql = """
            UPDATE \(quoted(table)) SET deleted_at = ?, run_id = ?, status_reason = coalesce(?, status_reason)
            WHERE file_path = ? AND deleted_at IS NULL
            """
        let when = Timestamps.text(date)
        try await write(tombstones) { db, chunk in
            let statement = try db.cachedStatement(sql: sql)
            for tombstone in chunk {
                try statement.execute(arguments: [when, runID, tombstone.reason, tombstone.filePath])
            }
        }
    }

    /// Runs `body` over `items` in transactions of ``batchSize`` items each.
    private func write<Item: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Database, ArraySlice<Item>) throws -> Void
    ) async throws {
        for chunk in Self.chunks(of: items) where !chunk.isEmpty {
            try await database.write { db in try body(db, chunk) }
        }
    }

    package func recordRun(_ run: RunRecord) async throws {
        let sql = Self.insertStatement(
            into: ledgerTable, columns: MetadataSchema.ledgerColumns, verb: "INSERT OR REPLACE")
        try await database.write { db in
            try db.execute(sql: sql, arguments: StatementArguments(SQLiteCells.values(run.columnValues)))
        }
    }

    package func addReview(_ review: Review) async throws {
        let sql = Self.insertStatement(
            into: reviewsTable, columns: MetadataSchema.reviewColumns, verb: "INSERT OR REPLACE")
        try await database.write { db in
            try db.execute(sql: sql, arguments: StatementArguments(SQLiteCells.values(review.columnValues)))
        }
    }

    package func records(under pathPrefix: String, limit: Int) async throws -> [FileRecord] {
        let range = PathRange(prefix: pathPrefix)
        let sql = """
            SELECT \(MetadataSchema.columns.map { quoted($0.name) }.joined(separator: ", ")) FROM \(quoted(table))
            WHERE file_path >= ? AND file_path < ? ORDER BY file_path LIMIT ?
            """
        return try await database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: [range.prefix, range.upperBound, limit]).map {
                FileRecord(cells: SQLiteCells($0))
            }
        }
    }

    package func recentRuns(limit: Int) async throws -> [RunRecord] {
        let sql = """
            SELECT \(MetadataSchema.ledgerColumns.map { quoted($0.name) }.joined(separator: ", "))
            FROM \(quoted(ledgerTable)) ORDER BY started_at DESC LIMIT ?
            """
        return try await database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: [limit]).map { RunRecord(cells: SQLiteCells($0)) }
        }
    }

    package func report(_ query: ReportQuery) async throws -> StoreReport {
        let aggregates = try await ReportQueries(
            table: SQLFragment(sql: quoted(table)), reviews: SQLFragment(sql: quoted(reviewsTable)),
            events: SQLFragment(sql: quoted(eventsTable)), query: query, runner: SQLiteReportRunner(database: database)
        ).run()
        return StoreReport(
            table: tableDescription, query: query, aggregates: aggregates, runs: try await recentRuns(limit: query.runs)
        )
    }
}

/// A SQL identifier in double quotes (identifiers are validated by the configuration).
func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
