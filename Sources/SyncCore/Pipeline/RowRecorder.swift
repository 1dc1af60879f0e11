/// Gathers the rows of finished jobs and writes them as the store prefers (``UpsertBatching``):
/// once enough rows wait or enough time has passed, and always when flushed at the end.
struct RowRecorder {
    let store: any MetadataStore
    private let batching: UpsertBatching
    private var pending: [FileRecord] = []
    private var pendingEvents: [LabelEvent] = []
    private var lastWrite = ContinuousClock.now

    init(store: any MetadataStore) {
        self.store = store
        batching = store.upsertBatching
    }

    /// Adds rows and the label history they bring, writing what waits when it is due.
    mutating func add(_ rows: [FileRecord], events: [LabelEvent]) async throws {
        pending += rows
        pendingEvents += events
        if pending.count >= batching.rows || ContinuousClock.now - lastWrite >= batching.interval {
            try await flush()
        }
    }

    /// Writes every waiting row.
    mutating func flush() async throws {
        try await store.upsert(pending, events: pendingEvents)
        pending.removeAll()
        pendingEvents.removeAll()
        lastWrite = ContinuousClock.now
    }
}
