import Foundation
import Logging
import SyncCore

/// The metadata table and run ledger as managed Unity Catalog Delta tables, written through a SQL
/// warehouse. Rows go in as large `MERGE`s keyed by `file_path` (one JSON parameter each);
/// concurrent-write conflicts are retried.
package struct DeltaMetadataStore: MetadataStore {
    let warehouse: SQLWarehouse
    let configuration: MetadataConfiguration
    let logger: Logger
    /// Most rows in one `MERGE`.
    var maxRowsPerMerge = 5_000
    /// Most bytes of row JSON in one `MERGE`.
    var maxBytesPerMerge = 4 * 1_048_576
    /// Attempts at a `MERGE` that meets a concurrent-write conflict.
    var conflictAttempts = 5

    package init(warehouse: SQLWarehouse, configuration: MetadataConfiguration, logger: Logger) {
        self.warehouse = warehouse
        self.configuration = configuration
        self.logger = logger
    }

    var table: String { DeltaSQL.qualified(configuration.catalog, configuration.schema, configuration.table) }
    var ledger: String { DeltaSQL.qualified(configuration.catalog, configuration.schema, configuration.ledgerTable) }

    package var tableDescription: String { "\(table) (Delta, SQL warehouse \(warehouse.warehouseID))" }

    package var upsertBatching: UpsertBatching { UpsertBatching(rows: 2_000, interval: .seconds(15)) }

    package func prepare() async throws {
        if configuration.dropTable {
            logger.warning(
                "DXR_DROP_METADATA_TABLE is true: dropping and recreating the metadata table and its ledger",
                metadata: ["table": "\(table)", "ledger": "\(ledger)"])
            _ = try await warehouse.execute(DeltaSQL.dropTable(table))
            _ = try await warehouse.execute(DeltaSQL.dropTable(ledger))
        }
        try await ensure(table, columns: MetadataSchema.columns)
        try await ensure(ledger, columns: MetadataSchema.ledgerColumns)
    }

    /// Creates the table, or checks an existing one and adds the columns it lacks.
    private func ensure(_ name: String, columns: [MetadataSchema.Column]) async throws {
        _ = try await warehouse.execute(DeltaSQL.createTable(name, columns: columns))
        let described = try await warehouse.execute(DeltaSQL.describe(name))
        let existing = described.namedRows.compactMap { row -> (String, String)? in
            guard let column = row("col_name"), !column.isEmpty, !column.hasPrefix("#") else { return nil }
            return (column, row("data_type") ?? "")
        }
        let missing = try DeltaSchemaCheck.missingColumns(table: name, existing: existing, expected: columns)
        if !missing.isEmpty {
            logger.info(
                "adding columns",
                metadata: ["table": "\(name)", "columns": "\(missing.map(\.name).joined(separator: ","))"])
            _ = try await warehouse.execute(DeltaSQL.addColumns(name, columns: missing))
        }
    }

    package func storedStates(under pathPrefix: String) async throws -> [StoredFileState] {
        let columns = [
            "file_path", "file_size", "modification_time", "status", "attempts", "first_seen_at", "deleted_at",
        ]
        return try await select(columns, prefix: pathPrefix).map(\.storedState)
    }

    package func records(under pathPrefix: String) async throws -> [FileRecord] {
        try await select(MetadataSchema.columns.map(\.name), prefix: pathPrefix, orderBy: "file_path").map(\.fileRecord)
    }

    private func select(_ columns: [String], prefix: String, orderBy: String? = nil) async throws -> [StoredRow] {
        let result = try await warehouse.execute(
            DeltaSQL.select(columns, from: table, orderBy: orderBy), parameters: [SQLParameter("prefix", prefix)])
        return result.namedRows.map(StoredRow.init)
    }

    package func upsert(_ records: [FileRecord]) async throws {
        // Delta refuses two source rows for one target row: the last row for a path wins. Paths
        // are compared as bytes, so the NFC and NFD spellings of a name stay two rows.
        var latest: [PathKey: Int] = [:]
        for (index, record) in records.enumerated() { latest[PathKey(record.filePath)] = index }
        let unique = records.indices.filter { latest[PathKey(records[$0].filePath)] == $0 }.map {
            DeltaRows.Row(records[$0])
        }
        let statement = DeltaSQL.upsert(
            into: table, columns: MetadataSchema.columns, key: "file_path", keepExisting: ["first_seen_at"])
        try await merge(unique, statement: statement)
    }

    package func tombstone(filePaths: [String], at date: Date, runID: String) async throws {
        let when = Timestamps.text(date)
        let rows = Set(filePaths.map(PathKey.init)).map {
            DeltaRows.TombstoneRow(filePath: $0.path, deletedAt: when, runID: runID)
        }
        try await merge(rows, statement: DeltaSQL.tombstone(in: table))
    }

    package func recordRun(_ run: RunRecord) async throws {
        let statement = DeltaSQL.upsert(into: ledger, columns: MetadataSchema.ledgerColumns, key: "run_id")
        try await merge([DeltaRows.Row(run)], statement: statement)
    }

    package func recentRuns(limit: Int) async throws -> [RunRecord] {
        let result = try await warehouse.execute(DeltaSQL.recentRuns(from: ledger, limit: limit))
        return result.namedRows.map { StoredRow($0).runRecord }
    }

    /// Sends `rows` in as few `MERGE`s as the size limits allow.
    private func merge<Row: Encodable>(_ rows: [Row], statement: String) async throws {
        for batch in try DeltaBatches.split(rows, maxRows: maxRowsPerMerge, maxBytes: maxBytesPerMerge) {
            try await runRetryingConflicts(statement, parameters: [SQLParameter("rows", batch)])
        }
    }

    private func runRetryingConflicts(_ statement: String, parameters: [SQLParameter]) async throws {
        var attempt = 1
        while true {
            do {
                _ = try await warehouse.execute(statement, parameters: parameters)
                return
            } catch let failure as StatementFailure
                where failure.isConcurrentWriteConflict && attempt < conflictAttempts
            {
                let wait = Duration.milliseconds(Int.random(in: 200...1_000) * attempt)
                logger.info(
                    "retrying after a concurrent write",
                    metadata: ["table": "\(table)", "attempt": "\(attempt)", "wait": "\(wait)"])
                try await Task.sleep(for: wait)
                attempt += 1
            }
        }
    }
}
