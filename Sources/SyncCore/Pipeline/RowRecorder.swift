/// Gathers the rows of finished jobs and writes them as the store prefers (``UpsertBatching``):
/// once enough rows wait or enough time has passed, and always when flushed at the end.
struct RowRecorder {
    let store: any MetadataStore
    private let batching: UpsertBatching
    private var pending: [FileRecord] = []
    private var lastWrite = ContinuousClock.now

    init(store: any MetadataStore) {
        self.store = store
        batching = store.upsertBatching
    }

    /// Adds rows, writing what waits when it is due.
    mutating func add(_ rows: [FileRecord]) async throws {
        pending += rows
        if pending.count >= batching.rows || ContinuousClock.now - lastWrite >= batching.interval {
            try await flush()
        }
    }

    /// Writes every waiting row.
    mutating func flush() async throws {
        try await store.upsert(pending)
        pending.removeAll()
        lastWrite = ContinuousClock.now
    }
}
