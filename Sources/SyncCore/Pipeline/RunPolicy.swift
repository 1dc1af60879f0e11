/// The safety rails of a run and when its failures fail the job.
package struct RunPolicy: Sendable, Hashable {
    /// `DXRSYNC_MAX_FAILED_RATIO`: above this share of the files sent to DXR failing, the run
    /// exits 1; at or below it, 0 (the failures are rows, retried on the next run).
    package var maxFailedRatio: Double
    /// `DXRSYNC_MAX_TOMBSTONE_RATIO`: a complete listing that would tombstone more than this share
    /// of the live rows under the scope tombstones nothing and exits 1 (an unmounted volume, a
    /// prefix typo, an emptied folder).
    package var maxTombstoneRatio: Double
    /// `--allow-mass-delete`: tombstone whatever a complete listing no longer shows.
    package var allowMassDelete: Bool
    /// `DXRSYNC_RESCAN`: which unchanged files are classified again.
    package var rescan: RescanPolicy
    /// `DXRSYNC_MAX_FILES_PER_RUN` / `DXRSYNC_MAX_BYTES_PER_RUN`.
    package var budget: RunBudget
    /// `DXRSYNC_TAG_VOLUME`: set summary tags on the volume after a run that ends well.
    package var tagVolume: Bool

    package init(
        maxFailedRatio: Double = Settings.maxFailedRatio.defaultValue,
        maxTombstoneRatio: Double = Settings.maxTombstoneRatio.defaultValue, allowMassDelete: Bool = false,
        rescan: RescanPolicy = .stale, budget: RunBudget = RunBudget(), tagVolume: Bool = false
    ) {
        self.tagVolume = tagVolume
        self.maxFailedRatio = maxFailedRatio
        self.maxTombstoneRatio = maxTombstoneRatio
        self.allowMassDelete = allowMassDelete
        self.rescan = rescan
        self.budget = budget
    }

    /// Why tombstoning `gone` of `liveRows` rows is held back, or `nil` when it may go ahead.
    func massDeletion(gone: Int, liveRows: Int) -> String? {
        guard !allowMassDelete, gone > 0, Double(gone) > maxTombstoneRatio * Double(liveRows) else { return nil }
        return "the listing no longer shows \(gone) of the \(liveRows) live rows under the scope, more than "
            + "DXRSYNC_MAX_TOMBSTONE_RATIO (\(maxTombstoneRatio)); nothing was tombstoned. Check that the volume "
            + "is mounted and VOLUME_PREFIX is right; if the files really are gone, run again with --allow-mass-delete"
    }

    /// Whether the run's failures fail the job: more than ``maxFailedRatio`` of the files sent to
    /// DXR failed, or none of them was classified.
    func failsTheJob(_ counts: RunCounts, attempted: Int) -> Bool {
        guard attempted > 0 else { return false }
        return counts.classified == 0 || Double(counts.failed) > maxFailedRatio * Double(attempted)
    }
}
