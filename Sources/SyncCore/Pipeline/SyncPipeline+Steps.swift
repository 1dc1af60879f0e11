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

    /// Lists the volume (this part of it), without what the exclude rules leave out.
    func list() async throws -> VolumeListing {
        try await source.listing(of: scope, selections: selections, excluding: excludes)
    }

    /// What the ledger row says the run covered: the scope, and the part of it.
    var ledgerScope: String {
        let part =
            selections == [.everything] ? "" : " (part " + selections.map(\.description).joined(separator: ", ") + ")"
        return scope.rootPath + part
    }

    /// Merges the listing with the stored rows of the scope (this part of it), read a page at a
    /// time in path order.
    func reconcile(_ listing: VolumeListing, fingerprint: String?, full: Bool) async throws -> Reconciliation {
        try await Reconciler.reconcile(
            listing, with: store, scope: scope, selections: selections, full: full, rescan: policy.rescan,
            fingerprint: fingerprint, now: now())
    }

    /// Files whose modification time alone moved keep their classification when their bytes hash
    /// to the stored SHA-256 (a touch, a copy back): the row takes the new time, nothing is
    /// uploaded. The others are changed files after all. Returns how many kept theirs.
    func checkTouchedFiles(_ reconciliation: inout Reconciliation, runID: String) async throws -> Int {
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
        try await store.recordSameContent(
            same.map {
                SameContent(
                    filePath: scope.filePath(relativePath: $0.relativePath), modificationTime: $0.modified.seconds)
            }, runID: runID)
        return same.count
    }

    /// The jobs a run sends, and what it leaves out.
    struct PlannedJobs {
        var plan: BatchPlan
        /// Files over the byte budget, written as `SKIPPED` rows.
        var skipped: Int
        /// Files the run budget leaves for later runs.
        var deferred: Int
    }

    /// Packs the files to classify (within the run's budget, highest priority first) into jobs;
    /// files over the byte budget get `SKIPPED` rows now.
    func planJobs(_ reconciliation: Reconciliation, _ run: RunState) async throws -> PlannedJobs {
        let (work, deferred) = policy.budget.take(reconciliation.toClassify)
        let plan = BatchPlanner(limits: limits).plan(work)
        let builder = rowBuilder(run)
        let time = now()
        let skippedRows = plan.skipped.map {
            builder.record(
                for: FileOutcome(file: $0.file, status: .skipped, reason: $0.reason), uploaded: false, at: time)
        }
        try await store.upsert(skippedRows)
        return PlannedJobs(plan: plan, skipped: skippedRows.count, deferred: deferred)
    }

    /// Tombstones the rows whose file is gone, when the listing was complete and the number gone
    /// stays within the mass-deletion guard; returns why the guard held them back, if it did.
    func tombstone(_ reconciliation: Reconciliation, listing: VolumeListing, runID: String) async throws -> String? {
        guard listing.isComplete else {
            if !reconciliation.gone.isEmpty {
                logger.warning(
                    "listing incomplete: \(reconciliation.gone.count) files not seen were not tombstoned",
                    metadata: ["problems": "\(listing.problems.count)"])
            }
            return nil
        }
        if let reason = policy.massDeletion(gone: reconciliation.gone.count, liveRows: reconciliation.liveRows) {
            logger.warning("mass-deletion guard: \(reason)")
            return reason
        }
        try await store.tombstone(reconciliation.gone, at: now(), runID: runID)
        return nil
    }

    /// Sets the summary tags on the volume (`DXRSYNC_TAG_VOLUME`), from the aggregates of the whole
    /// volume. Tags that cannot be set (no `APPLY TAG`) are a warning and exit 1: the rows are
    /// written, but what was asked for did not happen.
    func tagVolume() async -> VolumeTagResult {
        guard let tagging = store as? any VolumeTagging else {
            return .failed("\(store.tableDescription) cannot tag a volume")
        }
        do {
            let time = now()
            let report = try await store.report(
                ReportQuery(scope: scope.volumePath, filesPerLabel: 0, runs: 0, now: time))
            let tags = VolumeTags(summarising: report, scannedAt: time)
            try await tagging.setTags(tags, onVolume: scope)
            return .set(tags)
        } catch {
            let reason = "the tags of volume \(scope.volumePath) were not set: \(error)"
            logger.warning("\(reason)")
            return .failed(reason)
        }
    }

    /// Completes the ledger row with the run's outcome and returns the summary.
    func finish(_ run: inout RunState, listing: VolumeListing) async throws -> RunSummary {
        let outcome = RunOutcome(run.facts, policy: policy)
        let tags: VolumeTags? = if case .set(let tags) = run.facts.tags { tags } else { nil }
        let tagsError: String? = if case .failed(let reason) = run.facts.tags { reason } else { nil }
        let summary = RunSummary(
            runID: run.runID, scope: run.ledger.scope, status: outcome.status, store: store.tableDescription,
            counts: run.facts.counts,
            listingComplete: listing.isComplete, listingProblems: listing.problems.map(\.description),
            excluded: listing.excluded, duration: ContinuousClock.now - run.started, error: run.facts.stop?.reason,
            heldBack: run.facts.heldBack,
            volumeTags: tags, volumeTagsError: tagsError, exitStatus: outcome.exitStatus)
        run.ledger.status = outcome.status
        run.ledger.counts = run.facts.counts
        run.ledger.dxrJobIDs = run.jobIDs
        run.ledger.finishedAt = now()
        run.ledger.exitCode = Int(outcome.exitStatus.rawValue)
        run.ledger.error = outcome.error
        try await store.recordRun(run.ledger)
        return summary
    }

    /// Records on the ledger row an error that stopped the run; a store that cannot take even
    /// that is left as it is (the error is reported either way).
    func abandon(_ run: inout RunState, because error: any Error) async {
        run.ledger.status = .failed
        run.ledger.counts = run.facts.counts
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
