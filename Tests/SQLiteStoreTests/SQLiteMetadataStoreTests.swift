import Foundation
import SQLiteStore
import SyncCore
import TestSupport
import Testing

/// The embedded store on a real SQLite file.
@Suite struct SQLiteMetadataStoreTests {
    let folder = TemporaryDirectory("sqlite")
    var path: String { folder.url("nested/dir/store.sqlite").path }

    func store(drop: Bool = false) throws -> SQLiteMetadataStore {
        try SQLiteMetadataStore(path: path, table: "docs_metadata", dropTable: drop)
    }

    func record(_ path: String, status: FileStatus = .classified, seen: Double = 10, labels: [String] = ["PII"])
        -> FileRecord
    {
        FileRecord(
            filePath: "/Volumes/c/s/v/" + path, relativePath: path, catalogName: "c", schemaName: "s", volumeName: "v",
            fileSize: 3, modificationTime: 100, labels: labels, tags: ["101"],
            collectedAt: Date(timeIntervalSince1970: 20),
            status: status, attempts: 1, annotators: ["Email address"], firstSeenAt: Date(timeIntervalSince1970: seen),
            runID: "r")
    }

    @Test func upsertReplacesByFilePathKeepsFirstSeenAndAddsAttempts() async throws {
        let store = try store()
        try await store.prepare()
        try await store.upsert([record("a.txt"), record("b.txt")])
        var again = record("a.txt", seen: 99, labels: ["PCI"])
        again.collectedAt = Date(timeIntervalSince1970: 50)
        try await store.upsert([again])
        let rows = try await store.records(under: "/Volumes/c/s/v/")
        #expect(rows.map(\.relativePath) == ["a.txt", "b.txt"])
        #expect(rows[0].labels == ["PCI"] && rows[0].collectedAt == Date(timeIntervalSince1970: 50))
        #expect(rows[0].firstSeenAt == Date(timeIntervalSince1970: 10))
        #expect(rows[0].attempts == 2)
        #expect(rows[1].labels == ["PII"] && rows[1].annotators == ["Email address"])
    }

    @Test(arguments: StoreContract.Rule.allCases) func keepsTheStoreContract(_ rule: StoreContract.Rule) async throws {
        try await rule.check(try store())
    }

    /// Stored states come a page at a time, in the byte order of the path, past the page size.
    @Test func storedStatesComeInPagesInByteOrder() async throws {
        let pages = try await StoreContract.readsStoredStatesInByteOrder(try store(), count: 25_000)
        #expect(pages.count == 3)
    }

    @Test func prefixSelectionTreatsWildcardsLiterallyAndNamesByteForByte() async throws {
        let store = try store()
        try await store.prepare()
        try await store.upsert([
            record("caf\u{E9}.txt"), record("cafe\u{301}.txt"), record("100%_done.txt"),
            FileRecord(
                filePath: "/Volumes/c/s/vx/other.txt", relativePath: "other.txt", catalogName: "c", schemaName: "s",
                volumeName: "vx",
                fileSize: 1, modificationTime: 1, collectedAt: Date(), status: .classified, firstSeenAt: Date(),
                runID: "r"),
        ])
        #expect(try await store.records(under: "/Volumes/c/s/v/").count == 3)
        #expect(try await store.storedStates(under: "/Volumes/c/s/v/").count == 3)
        #expect(try await store.storedStates(under: "/Volumes/c/s/v/100%").count == 1)
    }

    @Test func tombstonesKeepTheFirstDeletionTime() async throws {
        let store = try store()
        try await store.prepare()
        try await store.upsert([record("a.txt")])
        try await store.tombstone(
            [Tombstone(filePath: "/Volumes/c/s/v/a.txt")], at: Date(timeIntervalSince1970: 1000), runID: "r2")
        try await store.tombstone(
            [Tombstone(filePath: "/Volumes/c/s/v/a.txt")], at: Date(timeIntervalSince1970: 2000), runID: "r3")
        let state = try #require(try await store.storedStates(under: "/Volumes/").first)
        #expect(state.deletedAt == Date(timeIntervalSince1970: 1000))
    }

    /// Makes `docs_metadata` the way another program would (Python's sqlite3), with the
    /// playbook's fifteen columns of `type` and the row `insert` adds.
    func createTableElsewhere(type: String, insert: String) throws {
        let columns = MetadataSchema.playbookColumns.map { "\"\($0.name)\" \(type)" }.joined(separator: ", ")
        let create = try ProcessRunner.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); "
                    + "c.execute(sys.argv[3]); c.commit()",
                path, "CREATE TABLE docs_metadata (\(columns))", insert,
            ])
        #expect(create.status == 0, "\(create.standardError)")
    }

    @Test func aPlaybookTableIsAlteredInPlaceAndKeepsItsRows() async throws {
        let store = try store()
        try createTableElsewhere(
            type: "TEXT",
            insert: "INSERT INTO docs_metadata (file_path, relative_path, labels) "
                + "VALUES ('/Volumes/c/s/v/old.txt', 'old.txt', '[\"PII\"]')")
        try await store.prepare()
        let rows = try await store.records(under: "/Volumes/c/s/v/")
        #expect(rows.map(\.relativePath) == ["old.txt"])
        #expect(rows.first?.labels == ["PII"])
        try await store.upsert([record("new.txt")])
        #expect(try await store.records(under: "/Volumes/c/s/v/").count == 2)
    }

    /// A table made elsewhere without column types keeps numbers as numbers: a text column that
    /// holds one (a job id, a datasource id) still reads as text.
    @Test func numbersInTextColumnsOfATableMadeElsewhereReadAsText() async throws {
        let store = try store()
        try createTableElsewhere(
            type: "",
            insert: "INSERT INTO docs_metadata (file_path, relative_path, datasource_id, job_id) "
                + "VALUES ('/Volumes/c/s/v/old.txt', 'old.txt', 41, 7)")
        try await store.prepare()
        let rows = try await store.records(under: "/Volumes/c/s/v/")
        #expect(rows.map(\.datasourceID) == ["41"])
        #expect(rows.map(\.jobID) == ["7"])
    }

    @Test func dropRecreatesTheTables() async throws {
        let first = try store()
        try await first.prepare()
        try await first.upsert([record("a.txt")])
        let dropping = try store(drop: true)
        try await dropping.prepare()
        #expect(try await dropping.records(under: "/").isEmpty)
    }

    @Test func theLedgerKeepsOneRowPerRun() async throws {
        let store = try store()
        try await store.prepare()
        var run = RunRecord(
            runID: "r1", startedAt: Date(timeIntervalSince1970: 5), scope: "/Volumes/c/s/v", status: .running)
        try await store.recordRun(run)
        run.status = .succeeded
        run.counts.classified = 7
        run.dxrJobIDs = ["j1", "j2"]
        run.exitCode = 0
        try await store.recordRun(run)
        try await store.recordRun(
            RunRecord(
                runID: "r2", startedAt: Date(timeIntervalSince1970: 9), scope: "/x", status: .failed, error: "boom"))
        let runs = try await store.recentRuns(limit: 10)
        #expect(runs.map(\.runID) == ["r2", "r1"])
        #expect(runs[1].status == .succeeded && runs[1].counts.classified == 7 && runs[1].dxrJobIDs == ["j1", "j2"])
        #expect(runs[0].error == "boom")
    }
}
