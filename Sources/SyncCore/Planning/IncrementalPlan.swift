/// What an incremental sync would do with a listing, given the stored rows: the counts
/// `plan --incremental` prints. The jobs it plans are the files within the run budget.
package struct IncrementalPlan: Sendable, Hashable, Encodable {
    /// Which store and table the rows were read from.
    package var store: String
    package var new: Int
    /// Changed files, `touched` included.
    package var changed: Int
    /// Changed files whose modification time alone moved: hashed first, uploaded only if their
    /// bytes changed.
    package var touched: Int
    package var unchanged: Int
    /// Files that failed or were skipped before.
    package var retried: Int
    /// Unchanged files the re-scan policy sends again.
    package var stale: Int
    /// Live rows whose file is no longer listed.
    package var gone: Int
    /// Files the run budget leaves for later runs.
    package var deferred: Int
    /// `DXRSYNC_RESCAN`.
    package var rescan: String
    /// Whether DXR's rules were read; without them `stale` counts nothing under `DXRSYNC_RESCAN=stale`.
    package var rulesKnown: Bool

    package init(
        _ reconciliation: Reconciliation, deferred: Int, rescan: RescanPolicy, rulesKnown: Bool, store: String
    ) {
        self.store = store
        new = reconciliation.newCount
        changed = reconciliation.changedCount
        touched = reconciliation.touched.count
        unchanged = reconciliation.unchangedCount
        retried = reconciliation.retried.count
        stale = reconciliation.stale.count
        gone = reconciliation.gone.count
        self.deferred = deferred
        self.rescan = rescan.description
        self.rulesKnown = rulesKnown
    }

    enum CodingKeys: String, CodingKey {
        case store, new, changed, touched, unchanged, retried, stale, gone, deferred, rescan
        case rulesKnown = "rules_known"
    }

    /// The lines `plan` prints.
    var lines: [String] {
        var lines = [
            "Against \(store): new \(new), changed \(changed) (\(touched) only touched: hashed before any upload), "
                + "unchanged \(unchanged), retried \(retried), stale \(stale) (DXRSYNC_RESCAN=\(rescan)), gone \(gone)"
        ]
        if deferred > 0 {
            lines.append(
                "The run budget (DXRSYNC_MAX_FILES_PER_RUN / DXRSYNC_MAX_BYTES_PER_RUN) leaves \(deferred) files "
                    + "for later runs")
        }
        if !rulesKnown, rescan == RescanPolicy.stale.description {
            lines.append(
                "DXR's rules were not read (set the DXR variables, or DXR has no catalogue API): stale files are not "
                    + "counted")
        }
        return lines
    }
}
