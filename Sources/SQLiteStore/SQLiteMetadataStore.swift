import Foundation
import GRDB
import SyncCore

/// The embedded metadata store: the same rows and upsert semantics as the Delta table, in one
/// SQLite file. Arrays are JSON text, timestamps ISO-8601 UTC text; paths compare byte for byte.
package struct SQLiteMetadataStore: MetadataStore {
    let database: DatabaseQueue
    let table: String
    let ledgerTable: String
    let dropTable: Bool
    package let tableDescription: String

    /// Rows per transaction.
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
        tableDescription = "\(table) in \(path)"
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
            try Self.ensure(table: table, columns: MetadataSchema.columns, key: "file_path", in: db)
            try Self.ensure(table: ledgerTable, columns: MetadataSchema.ledgerColumns, key: "run_id", in: db)
        }
    }

    /// Creates the table, or adds the columns an older (playbook) table lacks.
    static func ensure(table: String, columns: [MetadataSchema.Column], key: String, in db: Database) throws {
        let existing = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted(table)))").compactMap {
            SQLiteRow.text($0, "name")
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

    package func storedStates(under pathPrefix: String) async throws -> [StoredFileState] {
        let table = table
        return try await database.read { db in
            // A cursor read by column position: an incremental run reads every row of the volume.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT file_path, file_size, modification_time, status, attempts, first_seen_at, deleted_at
                    FROM \(quoted(table)) WHERE substr(file_path, 1, length(?)) = ?
                    """,
                arguments: [pathPrefix, pathPrefix])
            var states: [StoredFileState] = []
            while let row = try rows.next() {
                states.append(SQLiteRow.state(row))
            }
            return states
        }
    }

    package func upsert(_ records: [FileRecord]) async throws {
        guard !records.isEmpty else { return }
        let names = MetadataSchema.columns.map(\.name)
        let sql = """
            INSERT INTO \(quoted(table)) (\(names.map(quoted).joined(separator: ", ")))
            VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT(file_path) DO UPDATE SET \(
                names.dropFirst().map { name in
                    name == "first_seen_at"
                        ? "first_seen_at = COALESCE(\(quoted(table)).first_seen_at, excluded.first_seen_at)"
                        : "\(quoted(name)) = excluded.\(quoted(name))"
                }.joined(separator: ", "))
            """
        try await write(records) { db, chunk in
            let statement = try db.cachedStatement(sql: sql)
            for record in chunk {
                try statement.execute(arguments: StatementArguments(SQLiteRow.values(record.columnValues)))
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
            try db.execute(sql: sql, arguments: StatementArguments(SQLiteRow.values(run.columnValues)))
        }
    }

    package func records(under pathPrefix: String) async throws -> [FileRecord] {
        let table = table
        return try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM \(quoted(table)) WHERE substr(file_path, 1, length(?)) = ? ORDER BY file_path",
                arguments: [pathPrefix, pathPrefix]
            ).map { SQLiteRow.stored($0).fileRecord }
        }
    }

    package func recentRuns(limit: Int) async throws -> [RunRecord] {
        let ledgerTable = ledgerTable
        return try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM \(quoted(ledgerTable)) ORDER BY started_at DESC LIMIT ?", arguments: [limit]
            )
            .map { SQLiteRow.stored($0).runRecord }
        }
    }
}

/// A SQL identifier in double quotes (identifiers are validated by the configuration).
func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
