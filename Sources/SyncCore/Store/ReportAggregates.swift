/// What a store computes in SQL for ``StoreReport``, over the live rows under a scope.
package struct ReportAggregates: Sendable {
    package var totals = StoreReport.Tally(files: 0, bytes: 0)
    /// Tombstoned rows.
    package var deleted = 0
    package var byStatus: [String: StoreReport.Tally] = [:]
    package var byLabel: [String: StoreReport.Tally] = [:]
    package var byDetector: [String: StoreReport.Tally] = [:]
    package var byCategory: [String: StoreReport.Tally] = [:]
    /// Per directory of the path relative to the scope (`""` for its root); the report rolls them
    /// up into folders.
    package var directories: [StoreReport.Folder] = []
    /// The first files of each label, in path order.
    package var labelFiles: [(label: String, path: String)] = []
    /// The files with effective labels that the report lists, in path order, with all those labels:
    /// the first files overall and the first files of each label.
    package var findings: [StoreReport.Finding] = []
    /// How many files have at least one effective label.
    package var filesWithFindings = 0
    /// Files and bytes by coverage (``Coverage``; rows from before coverage was recorded are
    /// derived from their status and labels, rows the playbook wrote are `NOT_EVALUATED`).
    package var coverage: [String: StoreReport.Tally] = [:]
    /// Label → files where a review or DXR (a manually removed tag) took it away.
    package var reviewedAway: [String: Int] = [:]
    /// Label → files it was added to, and removed from, since the query's date.
    package var added: [String: Int] = [:]
    package var removed: [String: Int] = [:]
    /// The first files each label was added to since the query's date, in path order.
    package var addedFiles: [(label: String, path: String)] = []

    package init() {}
}
