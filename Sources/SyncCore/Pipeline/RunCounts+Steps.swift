extension RunCounts {
    /// Takes the reconciliation's counts. Files gone from an incomplete listing are not counted
    /// (they are not tombstoned), nor stale files in a `--full` run (everything goes again).
    mutating func add(_ reconciliation: Reconciliation, listingComplete: Bool, full: Bool) {
        new = reconciliation.newCount
        changed = reconciliation.changedCount
        unchanged = reconciliation.unchangedCount
        gone = listingComplete ? reconciliation.gone.count : 0
        stale = full ? 0 : reconciliation.stale.count
    }

    /// Adds what the classify step tallied: its outcomes and uploads.
    mutating func add(_ tally: RunCounts) {
        classified += tally.classified
        failed += tally.failed
        skipped += tally.skipped
        submitted += tally.submitted
        bytesUploaded += tally.bytesUploaded
    }
}
