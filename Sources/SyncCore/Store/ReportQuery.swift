import Foundation

/// What a report covers: the rows under a scope, how many files to list per label and how many
/// runs, and optionally the changes since a date.
package struct ReportQuery: Sendable, Hashable {
    /// The scanned folder as a Unity Catalog path, without a trailing `/`.
    package var scope: String
    package var filesPerLabel: Int
    package var runs: Int
    /// Report the labels that appeared or disappeared since then (`--since 7d`).
    package var since: Date?
    /// The time reviews are judged at (a review past its `expires_at` no longer applies).
    package var now: Date

    package init(scope: String, filesPerLabel: Int = 20, runs: Int = 10, since: Date? = nil, now: Date = Date()) {
        self.scope = scope
        self.filesPerLabel = filesPerLabel
        self.runs = runs
        self.since = since
        self.now = now
    }

    /// The key range of the scope's rows.
    package var range: PathRange { PathRange(prefix: scope + "/") }
}
