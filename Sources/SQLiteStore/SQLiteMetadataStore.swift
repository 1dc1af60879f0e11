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
    let dropTable: Bool
    package let tableDescription: String

    /// Rows per transaction, and per page of a large read.
    static let batchSize = 10_000

    /// Opens (or creates) the file at `path`, creating its folder if needed.
    package init(path: String, table: String, ledgerTable: String, dropTable: Bool = false) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        database = try DatabaseQueue(path: path, configuration: configuration)
        self.table = table
        self.ledgerTable = ledgerTable
        self.dropTable = dropTable
        tableDescription = "SQLite table \(table) in \(path)"
    }

    /// Opens the store the configuration names.
    package init(configuration: MetadataConfiguration, path: String) throws {
        try self.init(
            path: path, table: configuration.table, ledgerTable: configuration.ledgerTable,
            dropTable: configuration.dropTable)
    }

    package func prepare() async throws {
        let (table, ledgerTable, dropTable) = (table, ledgerTable, dropTable)
        try await database.write { db in
            if dropTable {
                try db.execute(sql: "DROP TABLE IF EXISTS \(quoted(table))")
                try db.execute(sql: "DROP TABLE IF EXISTS \(quoted(ledgerTable))")
            }
            try Self.ensure(table: table, columns: MetadataSchema.columns, in: db)
            try Self.ensure(table: ledgerTable, columns: MetadataSchema.ledgerColumns, in: db)
        }
    }

    /// Creates the table, or adds the columns an older (playbook) table lacks.
    static func ensure(table: String, columns: [MetadataSchema.Column], in db: Database) throws {
        let key = columns.first { $0.merge == .key }!.name
        let existing = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted(table)))").compactMap {
            ($0["name"] as DatabaseValue?).flatMap(SQLiteCells.text)
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
        try db.execute(
            sql: "CREATE UNIQUE INDEX IF NOT EXISTS \(quoted(table + "_" + key)) ON \(quoted(table)) (\(quoted(key)))")
    }

    static func sqliteType(_ column: MetadataSchema.Column) -> String {
        switch column.deltaType {
        case "BIGINT", "INT": "INTEGER"
        default: "TEXT"
        }
    }

    package func readStoredStates(
        under pathPrefix: String, _ page: ([StoredFileState]) async throws -> Void
    ) async throws {
        let range = PathRange(prefix: pathPrefix)
        let sql = """
            SELECT \(StoredFileState.columns.map(quoted).joined(separator: ", ")) FROM \(quoted(table))
            WHERE file_path >= ? AND file_path > ? AND file_path < ? ORDER BY file_path LIMIT \(Self.batchSize)
            """
        var next = ""
        while true {
            let after = next
            let states = try await database.read { db in
                // A cursor read by column position: an incremental run reads every row of the volume.
                let rows = try Row.fetchCursor(db, sql: sql, arguments: [range.prefix, after, range.upperBound])
                var states: [StoredFileState] = []
                while let row = try rows.next() { states.append(StoredFileState(cells: SQLiteCells(row))) }
                return states
            }
            guard let last = states.last else { return }
            try await page(states)
            next = last.filePath
        }
    }

    package func upsert(_ records: [FileRecord]) async throws {
        guard !records.isEmpty else { return }
        let names = MetadataSchema.columns.map(\.name)
        let updates = MetadataSchema.columns.filter { $0.merge != .key }.map {
            "\(quoted($0.name)) = "
                + MetadataSchema.mergedValue(of: $0, stored: quoted(table), new: "excluded", quote: quoted)
        }
        let sql = """
            INSERT INTO \(quoted(table)) (\(names.map(quoted).joined(separator: ", ")))
            VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT(file_path) DO UPDATE SET \(updates.joined(separator: ", "))
            """
        try await write(records) { db, chunk in
            let statement = try db.cachedStatement(sql: sql)
            for record in chunk {
                try statement.execute(arguments: StatementArguments(SQLiteCells.values(record.columnValues)))
            }
        }
    }

    package func tombstone(filePaths: [String], at date: Date, runID: String) async throws {
        guard !filePaths.isEmpty else { return }
        let sql = "UPDATE \(quoted(table)) SET deleted_at = ?, run_id = ? WHERE file_path = ? AND deleted_at IS NULL"
        let when = Timestamps.text(date)
        try await write(filePaths) { db, chunk in
            let statement = try db.cachedStatement(sql: sql)
            for path in chunk { try statement.execute(arguments: [when, runID, path]) }
        }
    }

    /// Runs `body` over `items` in transactions of ``batchSize`` items each.
    private func write<Item: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Database, ArraySlice<Item>) throws -> Void
    ) async throws {
        for start in stride(from: 0, to: items.count, by: Self.batchSize) {
            let chunk = items[start..<min(start + Self.batchSize, items.count)]
            try await database.write { db in try body(db, chunk) }
        }
    }

    package func recordRun(_ run: RunRecord) async throws {
        let names = MetadataSchema.ledgerColumns.map(\.name)
        let sql = """
            INSERT OR REPLACE INTO \(quoted(ledgerTable)) (\(names.map(quoted).joined(separator: ", ")))
            VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
            """
        try await database.write { db in
            try db.execute(sql: sql, arguments: StatementArguments(SQLiteCells.values(run.columnValues)))
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

    package func report(scope: String, filesPerLabel: Int, runs: Int) async throws -> StoreReport {
        let queries = SQLiteReportQueries(table: quoted(table), range: PathRange(prefix: scope + "/"))
        let aggregates = try await database.read { db in try queries.run(db, filesPerLabel: filesPerLabel) }
        return StoreReport(
            table: tableDescription, scope: scope, aggregates: aggregates, runs: try await recentRuns(limit: runs))
    }
}

/// A SQL identifier in double quotes (identifiers are validated by the configuration).
func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
