import Foundation
import Logging
import SyncCore

/// The metadata table and run ledger as managed Unity Catalog Delta tables, written through a
/// ``StatementExecutor`` (a SQL warehouse, or the job cluster's Spark session). Rows go in as large
/// `MERGE`s keyed by `file_path` (one JSON parameter each); concurrent-write conflicts are retried.
/// The rows of a scope are read in ONE statement, streamed a chunk at a time
/// (``StatementExecutor/stream(_:parameters:_:)``: `EXTERNAL_LINKS` chunks on a warehouse): on
/// Databricks every statement scans each data file Delta cannot skip, and with no clustering on
/// `file_path` and string statistics cut to 32 characters that is nearly every file, so keyset
/// pages scanned the table once per page (BENCHMARKS.md). Reports are aggregated in SQL.
package struct DeltaMetadataStore: MetadataStore {
    let executor: any StatementExecutor
    let configuration: MetadataConfiguration
    let logger: Logger
    /// Most rows in one `MERGE`.
    var maxRowsPerMerge = 5_000
    /// Most bytes of row JSON in one `MERGE`.
    var maxBytesPerMerge = 4 * 1_048_576
    /// Attempts at a `MERGE` that meets a concurrent-write conflict.
    var conflictAttempts = 5

    package init(executor: any StatementExecutor, configuration: MetadataConfiguration, logger: Logger) {
        self.executor = executor
        self.configuration = configuration
        self.logger = logger
    }

    var table: String { qualified(configuration.table) }
    var ledger: String { qualified(configuration.ledgerTable) }
    var events: String { qualified(configuration.eventsTable) }
    var reviews: String { qualified(configuration.reviewsTable) }

    private func qualified(_ name: String) -> String {
        DeltaSQL.qualified(configuration.catalog, configuration.schema, name)
    }

    package var tableDescription: String { "Delta table \(configuration.qualifiedName) (\(executor.description))" }

    package var upsertBatching: UpsertBatching { UpsertBatching(rows: 2_000, interval: .seconds(15)) }

    package func prepare() async throws {
        if configuration.dropTable {
            logger.warning(
                "DXR_DROP_METADATA_TABLE is true: dropping and recreating the metadata table and its ledger",
                metadata: ["table": "\(table)", "ledger": "\(ledger)"])
            _ = try await executor.execute(DeltaSQL.dropTable(table))
            _ = try await executor.execute(DeltaSQL.dropTable(ledger))
        }
        try await ensure(table, columns: MetadataSchema.columns)
        try await runRetryingConflicts(DeltaSQL.fillPathKeys(in: table), parameters: [])
        try await ensure(ledger, columns: MetadataSchema.ledgerColumns)
        // The label history and the stewards' reviews outlive a dropped table.
        try await ensure(events, columns: MetadataSchema.eventColumns)
        try await ensure(reviews, columns: MetadataSchema.reviewColumns)
    }

    /// Creates the table, or checks an existing one and adds the columns it lacks.
    private func ensure(_ name: String, columns: [MetadataSchema.Column]) async throws {
        _ = try await executor.execute(DeltaSQL.createTable(name, columns: columns))
        let missing = try DeltaSchemaCheck.missingColumns(
            table: name, existing: try await describedColumns(of: name), expected: columns)
        if !missing.isEmpty {
            logger.info(
                "adding columns",
                metadata: ["table": "\(name)", "columns": "\(missing.map(\.name).joined(separator: ","))"])
            _ = try await executor.execute(DeltaSQL.addColumns(name, columns: missing))
        }
    }

    /// The columns of an existing table, from `DESCRIBE TABLE`: name and type.
    func describedColumns(of name: String) async throws -> [(name: String, type: String)] {
        try await executor.execute(DeltaSQL.describe(name)).namedRows.compactMap { row in
            guard let column = row("col_name"), !column.isEmpty, !column.hasPrefix("#") else { return nil }
            return (column, row("data_type") ?? "")
        }
    }

    package func readStoredStates(
        under pathPrefix: String, _ page: ([StoredFileState]) async throws -> Void
    ) async throws {
        let read = DeltaSQL.rows(StoredFileState.columns, from: table, under: PathRange(prefix: pathPrefix))
        try await executor.stream(read.statement, parameters: read.parameters) { rows in
            try await page(rows.map { StoredFileState(cells: $0) })
        }
    }

    package func records(under pathPrefix: String, limit: Int) async throws -> [FileRecord] {
        var records: [FileRecord] = []
        let read = DeltaSQL.rows(
            MetadataSchema.columns.map(\.name), from: table, under: PathRange(prefix: pathPrefix), limit: limit)
        try await executor.stream(read.statement, parameters: read.parameters) { rows in
            records += rows.map { FileRecord(cells: $0) }
        }
        return records
    }

    package func upsert(_ records: [FileRecord], events: [LabelEvent]) async throws {
        // The history first: a run killed between the two statements re-sends the rows, and the
        // history then records the same change twice rather than never.
        let history = events.map { DeltaRows.Row(columns: MetadataSchema.eventColumns, values: $0.columnValues) }
        try await merge(history, statement: DeltaSQL.insert(into: self.events, columns: MetadataSchema.eventColumns))
        // Delta refuses two source rows for one target row: the last row for a path wins. Paths
        // are compared as bytes, so the NFC and NFD spellings of a name stay two rows.
        var latest: [PathKey: Int] = [:]
        for (index, record) in records.enumerated() { latest[PathKey(record.filePath)] = index }
        let unique = records.indices.filter { latest[PathKey(records[$0].filePath)] == $0 }.map {
            DeltaRows.Row(records[$0])
        }
        try await merge(
            unique, statement: DeltaSQL.upsert(into: table, columns: MetadataSchema.columns, keyRanged: true),
            keys: { $0.pathKey })
    }

    package func recordSameContent(_ files: [SameContent], runID: String) async throws {
        let rows = files.map {
            DeltaRows.Row(
                columns: SameContent.columns, values: [.text($0.filePath), .integer($0.modificationTime), .text(runID)])
        }
        try await merge(rows, statement: DeltaSQL.sameContent(in: table), keys: { $0.pathKey })
    }

    package func tombstone(_ tombstones: [Tombstone], at date: Date, runID: String) async throws {
        let when = Timestamps.text(date)
        let reasons = Dictionary(tombstones.map { (PathKey($0.filePath), $0.reason) }) { first, _ in first }
        let rows = reasons.map {
            DeltaRows.TombstoneRow(filePath: $0.key.path, deletedAt: when, runID: runID, statusReason: $0.value)
        }
        try await merge(rows, statement: DeltaSQL.tombstone(in: table)) { MetadataSchema.pathKey(of: $0.filePath) }
    }

    package func recordRun(_ run: RunRecord) async throws {
        let statement = DeltaSQL.upsert(into: ledger, columns: MetadataSchema.ledgerColumns)
        try await merge([DeltaRows.Row(run)], statement: statement)
    }

    package func addReview(_ review: Review) async throws {
        let statement = DeltaSQL.upsert(into: reviews, columns: MetadataSchema.reviewColumns)
        try await merge(
            [DeltaRows.Row(columns: MetadataSchema.reviewColumns, values: review.columnValues)], statement: statement)
    }

    package func recentRuns(limit: Int) async throws -> [RunRecord] {
        let result = try await executor.execute(DeltaSQL.recentRuns(from: ledger, limit: limit))
        return result.rows.map { RunRecord(cells: $0) }
    }

    package func report(_ query: ReportQuery) async throws -> StoreReport {
        let queries = ReportQueries(
            table: SQLFragment(sql: table), reviews: SQLFragment(sql: reviews), events: SQLFragment(sql: events),
            query: query, runner: DeltaReportRunner(executor: executor))
        return StoreReport(
            table: tableDescription, query: query, aggregates: try await queries.run(),
            runs: try await recentRuns(limit: query.runs))
    }

    /// Sends `rows` in as few `MERGE`s as the size limits allow; with `keys`, each with the least
    /// and greatest `path_key` of its rows (``DeltaSQL/keyRange``).
    private func merge<Row: Encodable>(
        _ rows: [Row], statement: String, keys: ((Row) -> String)? = nil
    ) async throws {
        for batch in try DeltaBatches.split(rows, maxRows: maxRowsPerMerge, maxBytes: maxBytesPerMerge) {
            var parameters = [SQLParameter("rows", batch.json)]
            if let keys {
                let batchKeys = rows[batch.rows].map(keys)
                parameters += [
                    SQLParameter("key_low", batchKeys.min { PathKey($0) < PathKey($1) } ?? ""),
                    SQLParameter("key_high", batchKeys.max { PathKey($0) < PathKey($1) } ?? ""),
                ]
            }
            try await runRetryingConflicts(statement, parameters: parameters)
        }
    }

    private func runRetryingConflicts(_ statement: String, parameters: [SQLParameter]) async throws {
        var attempt = 1
        while true {
            do {
                _ = try await executor.execute(statement, parameters: parameters)
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
