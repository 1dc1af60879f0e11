import Foundation
import SyncCore
import TestSupport
import Testing

@testable import Databricks

/// What a read of the stored state would cost on a real warehouse, counted by the stand-in in data
/// files read and skipped by Delta's data skipping (`Tests/DatabricksWorkspace/data_skipping.py`).
extension DeltaMetadataStoreTests {
    /// On Databricks a read costs the data files it cannot skip: Delta skips a file only when the
    /// predicate is false over its min/max statistics, and keeps strings' statistics to 32
    /// characters, which `/Volumes/<catalog>/<schema>/<volume>/` mostly uses up. The stand-in counts
    /// the files each statement would read (`data_skipping.py`). A run's stored state is read with
    /// each data file scanned about once, not once per page.
    @Test func readingTheStoredStateScansEachDataFileAboutOnce() async throws {
        try await withWarehouse { server, warehouse in
            let store = store(warehouse, configuration(table: "pruned"))
            try await store.prepare()
            let prefix = scope.rootPath + "/reports/2026/"
            let (count, dataFiles) = (12_000, 8)
            try server.seed(
                catalog: "main", schema: schema, table: "pruned", rows: count, pathPrefix: prefix, dataFiles: dataFiles)
            var calls = 0
            var read: [StoredFileState] = []
            try await store.readStoredStates(under: scope.rootPath + "/") {
                calls += 1
                read += $0
            }
            #expect(read.map(\.filePath) == (0..<count).map { prefix + String(format: "%06d.txt", $0) })
            #expect(calls >= 2)
            let scans = try server.scans(containing: "`\(schema)`.`pruned` AS t WHERE")
            #expect(scans.first.map { $0.read + $0.skipped } == dataFiles)
            let scanned = scans.reduce(0) { $0 + $1.read }
            #expect(
                scanned <= 2 * dataFiles,
                "\(scans.count) statements scanned \(scanned) data files of a table of \(dataFiles)")
        }
    }

    /// `file_path` cannot narrow a MERGE or a part's read (its first 32 characters are the same
    /// for a whole volume), `path_key` can: each MERGE carries its batch's range of keys, so a first
    /// sync written folder by folder reads no earlier folder's files, and a part reading one folder
    /// skips the other folders' files. The same sync without the key range (all files read by every
    /// MERGE) read 0 + 1 + … + 9 = 45 files here.
    @Test func mergesAndAPartsReadSkipTheFilesOutsideTheirPaths() async throws {
        try await withWarehouse { server, warehouse in
            let store = store(warehouse, configuration(table: "keyed"))
            try await store.prepare()
            for folder in 0..<10 {
                try await store.upsert((0..<200).map { record("f\(folder)/\(String(format: "%03d", $0)).txt") })
            }
            let merges = try server.scans(containing: "`\(schema)`.`keyed` AS t USING (SELECT * FROM inline")
            #expect(merges.count == 10)
            #expect(merges.reduce(0) { $0 + $1.read } == 0, "\(merges)")
            #expect(merges.last.map { $0.read + $0.skipped } == 9)
            try await store.tombstone(
                [Tombstone(filePath: scope.filePath(relativePath: "f3/007.txt"))], at: Self.when, runID: "r")
            #expect(try server.scans(containing: "`\(schema)`.`keyed` AS t USING").last?.read == 1)

            var read: [String] = []
            try await store.readStoredStates(under: scope.rootPath + "/f3/") { read += $0.map(\.filePath) }
            #expect(read.count == 200 && read.allSatisfy { $0.contains("/f3/") })
            let reads = try server.scans(containing: "`\(schema)`.`keyed` AS t WHERE")
            #expect(reads.last.map { [$0.read, $0.skipped] } == [1, 9])
        }
    }

    /// `OPTIMIZE` compacts the small files the MERGEs left, with no row changed, and the next read
    /// of the stored state scans that many fewer files.
    @Test func optimizeCompactsTheDataFilesAReadScans() async throws {
        try await withWarehouse { server, warehouse in
            let store = store(warehouse, configuration(table: "compacted"))
            try await store.prepare()
            let prefix = scope.rootPath + "/reports/2026/"
            try server.seed(
                catalog: "main", schema: schema, table: "compacted", rows: 6_000, pathPrefix: prefix, dataFiles: 12)
            try await store.readStoredStates(under: scope.rootPath + "/") { _ in }
            let results = try await store.optimize()
            #expect(results.first?.table == "main.\(schema).compacted")
            #expect(results.first.map { $0.filesRemoved == 12 && $0.filesAdded >= 1 && $0.filesAdded < 12 } == true)
            #expect(results.first?.description.contains("12 data files compacted into") == true)
            var read = 0
            try await store.readStoredStates(under: scope.rootPath + "/") { read += $0.count }
            #expect(read == 6_000)
            let scans = try server.scans(containing: "`\(schema)`.`compacted` AS t WHERE")
            #expect(scans.map(\.read) == [12, results[0].filesAdded])
        }
    }

    /// The cluster store reads the same way: one statement through the Spark bridge (the real
    /// `dxrsync_bridge.py` over the stand-in's Spark session), its rows streamed over the socket and
    /// handed over `streamChunkRows` at a time; `records(under:limit:)` is one statement too.
    @Test func theSparkBridgeStreamsTheStoredStateFromOneStatement() async throws {
        try await withWarehouse { server, warehouse in
            try await store(warehouse, configuration(table: "bridged")).prepare()
            let prefix = scope.rootPath + "/reports/2026/"
            let (count, dataFiles) = (12_000, 8)
            try server.seed(
                catalog: "main", schema: schema, table: "bridged", rows: count, pathPrefix: prefix,
                dataFiles: dataFiles)
            let bridge = try SparkBridgeStandIn(warehouseRoot: Self.root + "/warehouse")
            var executor = SparkBridge(socketPath: bridge.socketPath)
            executor.streamChunkRows = 1_000
            let store = DeltaMetadataStore(
                executor: executor, configuration: configuration(table: "bridged"), logger: Self.logger)
            var chunks = 0
            var read: [String] = []
            try await store.readStoredStates(under: scope.rootPath + "/") {
                chunks += 1
                read += $0.map(\.filePath)
            }
            #expect(read == (0..<count).map { prefix + String(format: "%06d.txt", $0) })
            #expect(chunks == count / 1_000)
            let scans = try bridge.scans(containing: "`\(schema)`.`bridged` AS t WHERE")
            #expect(scans.map { [$0.read, $0.skipped] } == [[dataFiles, 0]])
            #expect(try await store.records(under: prefix, limit: 5).map(\.filePath) == Array(read.prefix(5)))
            let viaWarehouse = self.store(warehouse, configuration(table: "bridged"))
            #expect(try await viaWarehouse.records(under: prefix, limit: 5).map(\.filePath) == Array(read.prefix(5)))
        }
    }

    /// A chunk's link the storage refuses (here: expired) is asked for again; one refused every
    /// time fails the read with a message that names the chunk and never the link, which holds a
    /// credential.
    @Test func anExternalLinkTheStorageRefusesIsAskedForAgain() async throws {
        try await withWarehouse { server, warehouse in
            let store = store(warehouse, configuration(table: "links"))
            try await store.prepare()
            try server.seed(catalog: "main", schema: schema, table: "links", rows: 10_000, pathPrefix: "/Volumes/l/")
            let key = "`\(schema)`.`links` AS t WHERE"
            try await server.armFaults(expiredLinks: [key: 2])
            #expect(try await store.storedStates(under: "/Volumes/").count == 10_000)

            try await server.armFaults(expiredLinks: [key: 100])
            let failure = await #expect(throws: StatementFailure.self) {
                try await store.storedStates(under: "/Volumes/")
            }
            try await server.armFaults(expiredLinks: [key: 0])
            #expect(failure?.errorCode == "EXTERNAL_LINK_REFUSED")
            #expect(failure?.description.contains("result chunk 0") == true)
            #expect(failure?.description.contains("HTTP 403") == true)
            #expect(failure?.description.contains("/stand-in/results/") == false)
        }
    }

    /// The stand-in's count skips what Delta would: files whose statistics rule the predicate out,
    /// with strings' statistics cut to 32 characters and the max widened.
    @Test func theStandInSkipsTheDataFilesDeltaWouldSkip() async throws {
        try await withWarehouse { server, warehouse in
            let store = store(warehouse, configuration(table: "skips"))
            try await store.prepare()
            // Four files of short paths (they sort after "/Volumes"), four of long ones.
            try server.seed(catalog: "main", schema: schema, table: "skips", rows: 400, pathPrefix: "/Z/", dataFiles: 4)
            let long = "/Volumes/main/hr/docs/long folder/"
            try server.seed(catalog: "main", schema: schema, table: "skips", rows: 400, pathPrefix: long, dataFiles: 4)
            let table = "`main`.`\(schema)`.`skips`"
            /// [files read, files skipped] of a count over the rows that match `predicate`.
            func scan(_ predicate: String, _ parameters: [SQLParameter] = []) async throws -> [Int] {
                let marker = "/* \(UUID().uuidString) */"
                _ = try await warehouse.execute(
                    "SELECT count(*) AS n FROM \(table) AS t WHERE \(predicate) \(marker)", parameters: parameters)
                let scan = try #require(try server.scans(containing: marker).last)
                return [scan.read, scan.skipped]
            }
            // Short paths: a range, a prefix or a list reads the one file that holds it.
            #expect(try await scan("t.`file_path` > :a", [SQLParameter("a", "/Z/000350.txt")]) == [1, 7])
            #expect(try await scan("startswith(t.`file_path`, '/Z/0001')") == [1, 7])
            #expect(try await scan("t.`file_path` LIKE '/Z/00002%' OR t.`file_size` > 50") == [1, 7])
            #expect(try await scan("t.`file_path` IN ('/Z/000001.txt', '/Z/000002.txt')") == [1, 7])
            // Past 32 characters the long paths look alike: none of their files can be skipped.
            #expect(try await scan("t.`file_path` < :a", [SQLParameter("a", long + "000050.txt")]) == [4, 4])
            #expect(try await scan("t.`file_path` = '\(long)000001.txt'") == [4, 4])
            // Anything else reads every file.
            #expect(try await scan("lower(t.`file_path`) = '/z/000001.txt'") == [8, 0])
        }
    }
}
