import Foundation
import HTTPSupport
import Logging
import SyncCore
import TestSupport
import Testing

@testable import Databricks

/// The Delta store against the stand-in's SQL warehouse: real HTTP, statements parsed by sqlglot
/// (and by Spark in strict mode), real Delta tables read back with delta-rs. The suite shares one
/// stand-in; every test works in its own schema.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct DeltaMetadataStoreTests {
    static let token = "pat-delta-8d21"
    static let root = NSTemporaryDirectory() + "dxrsync-delta-\(UUID().uuidString)"
    /// One stand-in for the suite: starting Spark in strict mode takes seconds. It exits with the test process.
    static let server: Result<WorkspaceStandIn, any Error> = Result {
        try FileManager.default.createDirectory(atPath: root + "/volumes", withIntermediateDirectories: true)
        return try WorkspaceStandIn(
            root: root + "/volumes", token: token, warehouseRoot: root + "/warehouse", chunkRows: 7_000)
    }

    let schema = "s" + UUID().uuidString.prefix(8).lowercased()
    let scope = VolumeScope(catalog: "main", schema: "hr", volume: "docs")

    static var logger: Logger {
        let logger = Logger.quiet("delta-test", level: .critical)
        return logger
    }

    func configuration(table: String = "docs_metadata", drop: Bool = false) -> MetadataConfiguration {
        MetadataConfiguration(
            catalog: "main", schema: schema, table: table,
            backend: .databricks(warehouseID: WorkspaceStandIn.warehouseID),
            dropTable: drop)
    }

    func withWarehouse<Result: Sendable>(_ body: (WorkspaceStandIn, SQLWarehouse) async throws -> Result) async throws
        -> Result
    {
        let server = try Self.server.get()
        try server.createSchema(catalog: "main", schema: schema)
        let configuration = DatabricksConfiguration(host: URL(string: server.url), token: Secret(Self.token))
        return try await WorkspaceConnection.withConnection(
            configuration, retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20)),
            logger: Self.logger
        ) { client in
            try await body(server, SQLWarehouse(client: client, warehouseID: WorkspaceStandIn.warehouseID))
        }
    }

    func store(_ warehouse: SQLWarehouse, _ configuration: MetadataConfiguration? = nil) -> DeltaMetadataStore {
        DeltaMetadataStore(
            executor: warehouse, configuration: configuration ?? self.configuration(), logger: Self.logger)
    }

    /// Whole milliseconds, as both stores keep them.
    static let when = Date(timeIntervalSince1970: 1_790_000_000.125)

    func record(_ relative: String, labels: [String] = [], firstSeen: Date = when, runID: String = "run-1")
        -> FileRecord
    {
        FileRecord(
            filePath: scope.filePath(relativePath: relative), relativePath: relative, catalogName: "main",
            schemaName: "hr", volumeName: "docs", fileSize: 42, modificationTime: 1_700_000_000, datasourceID: "1",
            datasourceScanID: 7, jobID: "job-1", labels: labels, tags: labels.map { "id-" + $0 },
            categories: ["HR"], rawMetadata: #"{"dxr#file_name":"x"}"#, collectedAt: Self.when, status: .classified,
            attempts: 1, dxrFileID: "f-1", sha256: "ab", mimeType: "text/plain", annotators: ["Email"],
            firstSeenAt: firstSeen, runID: runID)
    }

    @Test func createsTheTablesAndRoundTripsRowsTombstonesAndRuns() async throws {
        try await withWarehouse { server, warehouse in
            let store = store(warehouse)
            try await store.prepare()
            let table = try server.readTable(catalog: "main", schema: schema, table: "docs_metadata")
            #expect(table.columns == MetadataSchema.columns.map(\.name))
            #expect(
                try server.readTable(catalog: "main", schema: schema, table: "docs_metadata_runs").columns
                    == MetadataSchema.ledgerColumns.map(\.name))

            let hostile = "x'); DROP TABLE t; --.txt"
            var rows = [
                record("a.txt", labels: ["PII"]), record(hostile), record("b `tick`.csv", labels: ["PCI", "x"]),
            ]
            rows[1].datasourceScanID = nil
            rows[1].rawMetadata = nil
            try await store.upsert(rows + [rows[0]])  // a duplicate in one batch is fine
            let stored = try await store.records(under: scope.rootPath + "/")
            #expect(stored.sorted { $0.filePath < $1.filePath } == rows.sorted { $0.filePath < $1.filePath })

            // A rerun keeps first_seen_at and replaces the rest.
            var changed = record("a.txt", labels: ["PHI"], firstSeen: Self.when.addingTimeInterval(60), runID: "run-2")
            changed.attempts = 2
            try await store.upsert([changed])
            let states = try await store.storedStates(under: scope.rootPath + "/")
            #expect(states.count == 3)
            let a = try #require(try await store.records(under: scope.rootPath + "/a.txt").first)
            #expect(a.labels == ["PHI"] && a.attempts == 3 && a.runID == "run-2")
            #expect(a.firstSeenAt == Self.when)

            // Tombstones touch only rows not yet tombstoned.
            let gone = Self.when.addingTimeInterval(120)
            let hostileRow = [Tombstone(filePath: scope.filePath(relativePath: hostile))]
            try await store.tombstone(hostileRow, at: gone, runID: "run-3")
            try await store.tombstone(hostileRow, at: gone.addingTimeInterval(5), runID: "run-4")
            let tombstoned = try await store.storedStates(under: scope.filePath(relativePath: "x'"))
            #expect(tombstoned.map(\.deletedAt) == [gone])

            // The ledger row is replaced by run id.
            var run = RunRecord(runID: "run-9", startedAt: Self.when, scope: scope.rootPath, status: .running)
            try await store.recordRun(run)
            run.status = .succeeded
            run.counts.listed = 3
            run.dxrJobIDs = ["j1", "j2"]
            run.finishedAt = gone
            run.exitCode = 0
            try await store.recordRun(run)
            #expect(try await store.recentRuns(limit: 5) == [run])
            #expect(store.upsertBatching.rows > 1)
        }
    }

    /// Two spellings of one name (NFC and NFD) are two files, in a batch and in a tombstone list.
    @Test func canonicallyEqualNamesStayTwoRows() async throws {
        try await withWarehouse { _, warehouse in
            let store = store(warehouse, configuration(table: "unicode"))
            try await store.prepare()
            let names = ["caf\u{E9}.txt", "cafe\u{301}.txt"]
            try await store.upsert(names.map { record($0) })
            #expect(try await store.storedStates(under: scope.rootPath + "/").count == 2)
            try await store.tombstone(
                names.map { Tombstone(filePath: scope.filePath(relativePath: $0)) }, at: Self.when, runID: "r")
            let states = try await store.storedStates(under: scope.rootPath + "/")
            #expect(states.count == 2 && states.allSatisfy { $0.deletedAt == Self.when })
        }
    }

    /// The table exactly as the playbook's README creates it, with the playbook's rows in it.
    @Test func keepsAPlaybookTableAndItsRowsAndAddsOurColumns() async throws {
        try await withWarehouse { server, warehouse in
            let name = "`main`.`\(schema)`.`playbook_metadata`"
            _ = try await warehouse.execute(
                """
                CREATE TABLE IF NOT EXISTS \(name) (
                  file_path STRING,
                  relative_path STRING,
                  catalog_name STRING,
                  schema_name STRING,
                  volume_name STRING,
                  file_size BIGINT,
                  modification_time BIGINT,
                  datasource_id STRING,
                  datasource_scan_id BIGINT,
                  job_id STRING,
                  labels ARRAY<STRING>,
                  tags ARRAY<STRING>,
                  categories ARRAY<STRING>,
                  raw_metadata STRING,
                  collected_at TIMESTAMP
                ) USING DELTA
                """)
            _ = try await warehouse.execute(
                """
                INSERT INTO \(name) VALUES
                  ('/Volumes/main/hr/docs/old.pdf', 'old.pdf', 'main', 'hr', 'docs', 10, 1700000000, '1', 5, 'j-0',
                   array('PII'), array('101'), array(), '{}', TIMESTAMP'2025-01-02 03:04:05')
                """)
            let store = store(warehouse, configuration(table: "playbook_metadata"))
            try await store.prepare()
            let table = try server.readTable(catalog: "main", schema: schema, table: "playbook_metadata")
            #expect(table.columns == MetadataSchema.columns.map(\.name))
            let old = try #require(table.rows(by: "relative_path")["old.pdf"])
            #expect(old["labels"] as? [String] == ["PII"])
            #expect(old["status"] is NSNull)
            // Rows without our status are classified once more.
            let states = try await store.storedStates(under: scope.rootPath + "/")
            #expect(states.map(\.status) == [.failed])
            #expect(states.first?.fileSize == 10)
            try await store.prepare()  // a second run finds nothing to add
            #expect(try server.statements(containing: "playbook_metadata").filter { $0.kind == "ALTER" }.count == 1)
        }
    }

    @Test func aPlaybookColumnOfTheWrongTypeIsAnErrorNamingIt() async throws {
        try await withWarehouse { _, warehouse in
            _ = try await warehouse.execute(
                "CREATE TABLE `main`.`\(schema)`.`odd` (file_path STRING, file_size STRING, labels STRING) USING DELTA")
            let error = await #expect(throws: DeltaSchemaMismatch.self) {
                try await store(warehouse, configuration(table: "odd")).prepare()
            }
            #expect(error?.description.contains("file_size is STRING, expected BIGINT") == true)
            #expect(error?.description.contains("labels is STRING, expected ARRAY<STRING>") == true)
            #expect(error?.description.contains("DXR_DROP_METADATA_TABLE") == true)

            // Dropping recreates both tables empty and with the right columns.
            try await store(warehouse, configuration(table: "odd", drop: true)).prepare()
            #expect(try await store(warehouse, configuration(table: "odd")).storedStates(under: "/").isEmpty)
        }
    }

    @Test func concurrentWriteConflictsAreRetriedAndPendingStatementsPolled() async throws {
        try await withWarehouse { server, warehouse in
            var store = store(warehouse, configuration(table: "busy"))
            try await store.prepare()
            try await server.armFaults(failMerges: ["`\(schema)`.`busy`": 2], slow: ["`\(schema)`.`busy`"])
            try await store.upsert([record("a.txt")])
            let merges = try server.statements(containing: "`\(schema)`.`busy` AS t USING (SELECT * FROM inline").map(
                \.state)
            #expect(merges == ["FAILED", "FAILED", "SUCCEEDED"])
            #expect(try await store.storedStates(under: "/").count == 1)

            // A conflict that never clears is reported with its SQLSTATE.
            store.conflictAttempts = 2
            try await server.armFaults(failMerges: ["`\(schema)`.`busy`": 10])
            let failure = await #expect(throws: StatementFailure.self) { try await store.upsert([record("b.txt")]) }
            #expect(failure?.sqlState == "2D521")
            #expect(failure?.description.contains("MERGE INTO") == true)
        }
    }

    @Test func aHundredThousandRowsTakeAtMostAHundredMerges() async throws {
        try await withWarehouse { server, warehouse in
            let store = store(warehouse, configuration(table: "large"))
            try await store.prepare()
            let rows = (0..<100_000).map {
                record(String(format: "f/%06d.txt", $0), labels: $0 % 3 == 0 ? ["PII"] : [])
            }
            try await store.upsert(rows)
            let merges = try server.statements(containing: "`\(schema)`.`large` AS t").filter { $0.kind == "MERGE" }
            #expect(merges.count <= 100)
            #expect(merges.allSatisfy { $0.state == "SUCCEEDED" })
            // Read back across several result chunks.
            let states = try await store.storedStates(under: scope.rootPath + "/f/")
            #expect(states.count == 100_000)
            #expect(Set(states.map(\.filePath)).count == 100_000)
        }
    }

    @Test(arguments: StoreContract.Rule.allCases) func keepsTheStoreContract(_ rule: StoreContract.Rule) async throws {
        try await withWarehouse { _, warehouse in
            try await rule.check(store(warehouse, configuration(table: rule.table)))
        }
    }

    /// More than 25 MiB of stored state, at Databricks' real INLINE limit: an INLINE read of it
    /// fails (the stand-in answers as Databricks does); the store reads it in one `EXTERNAL_LINKS`
    /// statement, a chunk at a time, each link fetched without the `Authorization` header (the
    /// stand-in refuses a link that carries one, as S3 does), in byte order.
    @Test func storedStateOverTheInlineLimitIsReadInExternalLinkChunks() async throws {
        try await withWarehouse { server, warehouse in
            let store = store(warehouse, configuration(table: "wide"))
            try await store.prepare()
            let prefix = scope.rootPath + "/" + String(repeating: "long folder name ", count: 58) + "/"
            let count = 27_000
            try server.seed(catalog: "main", schema: schema, table: "wide", rows: count, pathPrefix: prefix)
            let everything = DeltaSQL.rows(
                StoredFileState.columns, from: store.table, under: PathRange(prefix: scope.rootPath + "/"))
            let inline = await #expect(throws: StatementFailure.self) {
                try await warehouse.execute(everything.statement, parameters: everything.parameters)
            }
            #expect(inline?.message.contains("Inline byte limit exceeded") == true)

            var chunks = 0
            var read: [StoredFileState] = []
            try await store.readStoredStates(under: scope.rootPath + "/") {
                chunks += 1
                read += $0
            }
            #expect(read.count == count)
            #expect(read.map(\.filePath) == (0..<count).map { prefix + String(format: "%06d.txt", $0) })
            #expect(read.allSatisfy { $0.status == .classified && $0.fileSize == 42 })
            #expect(chunks == 4)  // 7,000 rows a chunk
            let selects = try server.statements(containing: "`\(schema)`.`wide` AS t WHERE").map(\.state)
            #expect(selects == ["FAILED", "SUCCEEDED"])
        }
    }
}
