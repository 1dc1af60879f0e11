import Foundation
import SyncCore
import Synchronization

/// A ``MetadataStore`` that counts and times what a run asks of the store it wraps: the stored-state
/// reads (one per folder selection; on SQLite pages of 10,000 rows, each one `SELECT` in a read
/// transaction of its own, and one more `SELECT` that finds the end; on Delta one statement per
/// read, streamed) and the writes (on SQLite one write transaction per 10,000 rows, on Delta one
/// `MERGE`).
final class CountingStore: MetadataStore {
    /// What the run asked for.
    struct Tally: Sendable, Encodable {
        /// `readStoredStates` calls, the pages they handed over, their rows.
        var reads = 0
        var pages = 0
        var rows = 0
        /// Time spent in the store's reads, without the time the caller spent on each page.
        var readSeconds = 0.0
        /// Calls that wrote something, and the rows they wrote (tombstones included).
        var writes = 0
        var rowsWritten = 0
        var ledgerWrites = 0

        enum CodingKeys: String, CodingKey {
            case reads, pages, rows
            case readSeconds = "read_seconds"
            case writes
            case rowsWritten = "rows_written"
            case ledgerWrites = "ledger_writes"
        }
    }

    let base: any MetadataStore
    let tally = Mutex(Tally())

    init(_ base: any MetadataStore) { self.base = base }

    var tableDescription: String { base.tableDescription }
    var upsertBatching: UpsertBatching { base.upsertBatching }

    func prepare() async throws { try await base.prepare() }

    func readStoredStates(under pathPrefix: String, _ page: ([StoredFileState]) async throws -> Void) async throws {
        let start = ContinuousClock.now
        var inCaller = Duration.zero
        var (pages, rows) = (0, 0)
        try await base.readStoredStates(under: pathPrefix) { states in
            pages += 1
            rows += states.count
            let handed = ContinuousClock.now
            try await page(states)
            inCaller += ContinuousClock.now - handed
        }
        let reading = ContinuousClock.now - start - inCaller
        tally.withLock {
            $0.reads += 1
            $0.pages += pages
            $0.rows += rows
            $0.readSeconds += reading.seconds
        }
    }

    func upsert(_ records: [FileRecord], events: [LabelEvent]) async throws {
        try await base.upsert(records, events: events)
        count(records.count + events.count)
    }

    func recordSameContent(_ files: [SameContent], runID: String) async throws {
        try await base.recordSameContent(files, runID: runID)
        count(files.count)
    }

    func tombstone(_ tombstones: [Tombstone], at date: Date, runID: String) async throws {
        try await base.tombstone(tombstones, at: date, runID: runID)
        count(tombstones.count)
    }

    func recordRun(_ run: RunRecord) async throws {
        try await base.recordRun(run)
        tally.withLock { $0.ledgerWrites += 1 }
    }

    func addReview(_ review: Review) async throws { try await base.addReview(review) }

    func records(under pathPrefix: String, limit: Int) async throws -> [FileRecord] {
        try await base.records(under: pathPrefix, limit: limit)
    }

    func recentRuns(limit: Int) async throws -> [RunRecord] { try await base.recentRuns(limit: limit) }

    func report(_ query: ReportQuery) async throws -> StoreReport { try await base.report(query) }

    /// Counts a write of `rows` rows; a call with none writes nothing in either store.
    private func count(_ rows: Int) {
        guard rows > 0 else { return }
        tally.withLock {
            $0.writes += 1
            $0.rowsWritten += rows
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
