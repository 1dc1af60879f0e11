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

    /// The files listed per label when none is asked for: enough to act on in text and JSON.
    package static let defaultFilesPerLabel = 20
    /// The same on the HTML page, whose table filters by label and folder, so it carries more.
    package static let defaultFilesPerLabelOnPage = 500
    /// The runs shown when none is asked for.
    package static let defaultRuns = 10

    package init(
        scope: String, filesPerLabel: Int = defaultFilesPerLabel, runs: Int = defaultRuns, since: Date? = nil,
        now: Date = Date()
    ) {
        self.scope = scope
        self.filesPerLabel = filesPerLabel
        self.runs = runs
        self.since = since
        self.now = now
    }

    /// The key range of the scope's rows.
    package var range: PathRange { PathRange(prefix: scope + "/") }
}
