/// How a store prefers rows to arrive. The pipeline gathers the rows of finished jobs and writes
/// them once `rows` are waiting or `interval` has passed since the last write, and always at the
/// end of a run. A local store writes each job's rows at once; a warehouse, where each write is a
/// Delta commit, prefers fewer and larger ones.
package struct UpsertBatching: Sendable, Hashable {
    package var rows: Int
    package var interval: Duration

    package init(rows: Int, interval: Duration) {
        self.rows = rows
        self.interval = interval
    }

    /// Every job's rows as soon as the job finishes.
    package static let immediate = UpsertBatching(rows: 1, interval: .zero)
}
