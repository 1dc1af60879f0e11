import Foundation

/// Turns outcomes into rows: one per file, whatever happened to it. What carries over from the
/// stored row (the first time seen, the attempt count, the last good classification) is the
/// store's upsert rule (``MetadataSchema/Merge``), so a row can be built without reading it first.
package struct RowBuilder: Sendable {
    package let scope: VolumeScope
    package let runID: String
    /// The DXR rules this run classifies under, stamped on each classification.
    package let fingerprint: String?

    package init(scope: VolumeScope, runID: String, fingerprint: String? = nil) {
        self.scope = scope
        self.runID = runID
        self.fingerprint = fingerprint
    }

    /// The row of `outcome` written at `now`. `uploaded` says whether the file went to DXR (it
    /// counts as an attempt); a skipped file is not attempted at all.
    package func record(for outcome: FileOutcome, uploaded: Bool, at now: Date) -> FileRecord {
        let classification = outcome.classification
        return FileRecord(
            filePath: scope.filePath(relativePath: outcome.file.relativePath),
            relativePath: outcome.file.relativePath,
            catalogName: scope.catalog,
            schemaName: scope.schema,
            volumeName: scope.volume,
            fileSize: outcome.file.size,
            modificationTime: outcome.file.modified.seconds,
            datasourceID: outcome.datasourceID,
            datasourceScanID: classification?.scanID,
            jobID: outcome.jobID,
            labels: classification?.labelNames ?? [],
            tags: classification?.labelIDs ?? [],
            categories: classification?.categories ?? [],
            rawMetadata: classification?.rawMetadata,
            collectedAt: classification == nil ? nil : now,
            status: outcome.status,
            statusReason: outcome.reason,
            attempts: uploaded ? 1 : 0,
            dxrFileID: classification?.dxrFileID,
            sha256: classification?.sha256,
            mimeType: classification?.mimeType,
            annotators: classification?.annotators ?? [],
            firstSeenAt: now,
            deletedAt: nil,
            runID: runID,
            lastAttemptAt: outcome.status == .skipped ? nil : now,
            coverage: classification?.coverage ?? (outcome.status == .skipped ? .skipped : .failed),
            classifierFingerprint: classification == nil ? nil : fingerprint,
            dxrRemovedLabels: classification?.removedLabels ?? [])
    }
}
