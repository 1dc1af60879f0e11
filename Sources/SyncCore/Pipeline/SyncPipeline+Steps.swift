import Foundation
import Logging

extension SyncPipeline {
    /// Prepares the store, reads which DXR rules the run classifies under (a DXR that does not
    /// answer at all stops the run here), and writes the ledger row as `RUNNING`.
    func start(_ run: inout RunState) async throws {
        try await store.prepare()
        run.fingerprint = try await classifier.fingerprint()
        run.ledger.classifierFingerprint = run.fingerprint
        try await store.recordRun(run.ledger)
    }

    /// Lists the volume (this shard of it).
    func list(_ run: inout RunState) async throws -> VolumeListing {
        let listing = try await source.list().restricted(to: shard)
        run.counts.listed = listing.files.count
        return listing
    }

    /// Merges the listing with the stored rows of the scope (this shard of it), read a page at a
    /// time in path order.
    func reconcile(_ listing: VolumeListing, _ run: inout RunState, full: Bool) async throws -> Reconciliation {
        let reconciliation = try await Reconciler.reconcile(
            listing, with: store, scope: scope, shard: shard, full: full, rescan: policy.rescan,
            fingerprint: run.fingerprint, now: now())
        run.counts.new = reconciliation.newCount
        run.counts.changed = reconciliation.changedCount
        run.counts.unchanged = reconciliation.unchangedCount
        run.counts.gone = listing.isComplete ? reconciliation.gone.count : 0
        run.counts.stale = full ? 0 : reconciliation.stale.count
        return reconciliation
    }

    /// Files whose modification time alone moved keep their classification when their bytes hash
    /// to the stored SHA-256 (a touch, a copy back): the row takes the new time, nothing is
    /// uploaded. The others are changed files after all.
    func checkTouchedFiles(_ reconciliation: inout Reconciliation, _ run: inout RunState) async throws {
        var same: [VolumeFile] = []
        for file in reconciliation.touched {
            let key = PathKey(scope.filePath(relativePath: file.relativePath))
            let stored = reconciliation.previous[key]?.sha256
            if let stored, await ContentHash.sha256(of: file, from: source) == stored {
                same.append(file)
            } else {
                reconciliation.fresh.append(file)
            }
        }
        reconciliation.touched = []
        run.counts.changed -= same.count
        run.counts.unchanged += same.count
        try await store.recordSameContent(
            same.map {
                SameContent(
                    filePath: scope.filePath(relativePath: $0.relativePath), modificationTime: $0.modified.seconds)
            }, runID: run.runID)
    }

    /// Packs the files to classify (within the run's budget, highest priority first) into jobs;
    /// files over the byte budget get `SKIPPED` rows now.
    func planJobs(_ reconciliation: Reconciliation, _ run: inout RunState) async throws -> BatchPlan {
        let (work, deferred) = policy.budget.take(reconciliation.toClassify)
        run.counts.deferred = deferred
        let plan = BatchPlanner(limits: limits).plan(work)
        let builder = rowBuilder(run)
        let time = now()
        let skippedRows = plan.skipped.map {
            builder.record(
                for: FileOutcome(file: $0.file, status: .skipped, reason: $0.reason), uploaded: false, at: time)
        }
        try await store.upsert(skippedRows)
        run.counts.skipped = skippedRows.count
        run.attempted = plan.fileCount
        return plan
    }

    /// Tombstones the rows whose file is gone, when the listing was complete and the number gone
    /// stays within the mass-deletion guard.
    func tombstone(_ reconciliation: Reconciliation, listing: VolumeListing, _ run: inout RunState) async throws {
        guard listing.isComplete else {
            if !reconciliation.gone.isEmpty {
                logger.warning(
                    "listing incomplete: \(reconciliation.gone.count) files not seen were not tombstoned",
                    metadata: ["problems": "\(listing.problems.count)"])
            }
            return
        }
        if let reason = policy.massDeletion(gone: reconciliation.gone.count, liveRows: reconciliation.liveRows) {
            logger.warning("mass-deletion guard: \(reason)")
            run.heldBack = reason
            run.counts.gone = 0
            return
        }
        try await store.tombstone(filePaths: reconciliation.gone, at: now(), runID: run.runID)
    }

    /// Sets the summary tags on the volume (`DXRSYNC_TAG_VOLUME`) after a run that ends well,
    /// from the aggregates of the whole volume. Tags that cannot be set (no `APPLY TAG`) are a
    /// warning and exit 1: the rows are written, but what was asked for did not happen.
    func tagVolume(_ run: inout RunState) async {
        guard policy.tagVolume, run.stopReason == nil, !run.interrupted, run.heldBack == nil,
            !policy.failsTheJob(run.counts, attempted: run.attempted)
        else { return }
        guard let tagging = store as? any VolumeTagging else {
            run.volumeTagsError = "\(store.tableDescription) cannot tag a volume"
            return
        }
        do {
            let time = now()
            let report = try await store.report(
                ReportQuery(scope: scope.volumePath, filesPerLabel: 0, runs: 0, now: time))
            let tags = VolumeTags(summarising: report, scannedAt: time)
            try await tagging.setTags(tags, onVolume: scope)
            run.volumeTags = tags
        } catch {
            run.volumeTagsError = "the tags of volume \(scope.volumePath) were not set: \(error)"
            logger.warning("\(run.volumeTagsError!)")
        }
    }

    /// Completes the ledger row and returns the summary.
    func finish(_ run: inout RunState, listing: VolumeListing) async throws -> RunSummary {
        let status: RunStatus =
            run.interrupted
            ? .interrupted
            : run.stopReason != nil ? .failed : run.counts.failed > 0 ? .finishedWithFailures : .succeeded
        let exitStatus: ExitStatus =
            run.stopReason != nil
            ? ExitStatus(run.stopKind)
            : run.heldBack != nil || run.volumeTagsError != nil
                || policy.failsTheJob(run.counts, attempted: run.attempted) ? .filesFailed : .success
        let summary = RunSummary(
            runID: run.runID, status: status, store: store.tableDescription, counts: run.counts,
            listingComplete: listing.isComplete, listingProblems: listing.problems.map(\.description),
            duration: ContinuousClock.now - run.started, error: run.stopReason, heldBack: run.heldBack,
            volumeTags: run.volumeTags, volumeTagsError: run.volumeTagsError, exitStatus: exitStatus)
        run.ledger.status = status
        run.ledger.counts = run.counts
        run.ledger.dxrJobIDs = run.jobIDs
        run.ledger.finishedAt = now()
        run.ledger.exitCode = Int(exitStatus.rawValue)
        run.ledger.error = run.stopReason ?? run.heldBack ?? run.volumeTagsError
        try await store.recordRun(run.ledger)
        return summary
    }

    /// Records on the ledger row an error that stopped the run; a store that cannot take even
    /// that is left as it is (the error is reported either way).
    func abandon(_ run: inout RunState, because error: any Error) async {
        run.ledger.status = .failed
        run.ledger.counts = run.counts
        run.ledger.dxrJobIDs = run.jobIDs
        run.ledger.finishedAt = now()
        run.ledger.exitCode = Int(ExitStatus(for: error).rawValue)
        run.ledger.error = String(describing: error)
        do {
            try await store.recordRun(run.ledger)
        } catch {
            logger.warning("cannot complete the ledger row", metadata: ["run": "\(run.runID)", "error": "\(error)"])
        }
    }

    /// Builds this run's rows.
    func rowBuilder(_ run: RunState) -> RowBuilder {
        RowBuilder(scope: scope, runID: run.runID, fingerprint: run.fingerprint)
    }
}
