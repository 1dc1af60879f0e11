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

    package init() {}
}
