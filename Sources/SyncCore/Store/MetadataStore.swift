import Foundation

/// Where rows and the run ledger are kept: the embedded SQLite file or a Delta table.
/// Upserts are keyed by `file_path` and follow ``MetadataSchema``'s merge rules; rows are never
/// deleted, only tombstoned. Every read is bounded: large ones come a page at a time, reports
/// are computed in SQL.
package protocol MetadataStore: Sendable {
    /// Which store and table the rows go to, for the run summary and messages.
    var tableDescription: String { get }

    /// How the pipeline should group the rows of finished jobs into ``upsert(_:)`` calls.
    var upsertBatching: UpsertBatching { get }

    /// Creates the tables if needed (adding our columns to an existing playbook table), or drops
    /// and recreates them when configured to.
    func prepare() async throws

    /// The stored state of every row whose `file_path` starts with `pathPrefix`, in the byte order
    /// of `file_path`, handed to `page` a page at a time.
    func readStoredStates(under pathPrefix: String, _ page: ([StoredFileState]) async throws -> Void) async throws

    /// Inserts or updates rows by `file_path` (``MetadataSchema/Merge``) and appends the label
    /// history the rows bring, together (one transaction in SQLite; one call, history first, in Delta).
    func upsert(_ records: [FileRecord], events: [LabelEvent]) async throws

    /// Moves the modification time of rows whose file was touched but whose bytes are the same
    /// (their classification stands).
    func recordSameContent(_ files: [SameContent], runID: String) async throws

    /// Sets `deleted_at` (and `status_reason`, when the tombstone has a reason) on rows not already
    /// tombstoned.
    func tombstone(_ tombstones: [Tombstone], at date: Date, runID: String) async throws

    /// Inserts or replaces the ledger row of a run.
    func recordRun(_ run: RunRecord) async throws

    /// Adds a steward's review.
    func addReview(_ review: Review) async throws

    /// The first `limit` rows whose `file_path` starts with `pathPrefix`, in path order.
    func records(under pathPrefix: String, limit: Int) async throws -> [FileRecord]

    /// The latest runs, newest first.
    func recentRuns(limit: Int) async throws -> [RunRecord]

    /// The report the query asks for, computed in SQL: effective labels (reviews applied), coverage,
    /// folders, the first files of each label, the changes since a date, and the latest runs.
    func report(_ query: ReportQuery) async throws -> StoreReport
}

extension MetadataStore {
    package var upsertBatching: UpsertBatching { .immediate }

    /// Inserts or updates rows that bring no label history (skips, failures, tests).
    package func upsert(_ records: [FileRecord]) async throws { try await upsert(records, events: []) }
}
