import Foundation

/// Where rows and the run ledger are kept: the embedded SQLite file or a Delta table.
/// Upserts are keyed by `file_path`; rows are never deleted, only tombstoned.
package protocol MetadataStore: Sendable {
    /// A human-readable name of the table, for messages.
    var tableDescription: String { get }

    /// How the pipeline should group the rows of finished jobs into ``upsert(_:)`` calls.
    var upsertBatching: UpsertBatching { get }

    /// Creates the tables if needed (adding our columns to an existing playbook table), or drops
    /// and recreates them when configured to.
    func prepare() async throws

    /// The stored state of every row whose `file_path` starts with `pathPrefix`.
    func storedStates(under pathPrefix: String) async throws -> [StoredFileState]

    /// Inserts or replaces rows by `file_path`, keeping the first `first_seen_at`.
    func upsert(_ records: [FileRecord]) async throws

    /// Sets `deleted_at` on rows not already tombstoned.
    func tombstone(filePaths: [String], at date: Date, runID: String) async throws

    /// Inserts or replaces the ledger row of a run.
    func recordRun(_ run: RunRecord) async throws

    /// Every row whose `file_path` starts with `pathPrefix`, for reports.
    func records(under pathPrefix: String) async throws -> [FileRecord]

    /// The latest runs, newest first.
    func recentRuns(limit: Int) async throws -> [RunRecord]
}

extension MetadataStore {
    package var upsertBatching: UpsertBatching { .immediate }
}
