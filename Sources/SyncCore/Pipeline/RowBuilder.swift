import Foundation

/// Turns outcomes into rows: one per file, whatever happened to it.
package struct RowBuilder: Sendable {
    package let scope: VolumeScope
    package let runID: String
    package let now: Date

    package init(scope: VolumeScope, runID: String, now: Date) {
        self.scope = scope
        self.runID = runID
        self.now = now
    }

    /// The row of `outcome`, carrying over `first_seen_at` and the attempt count from `previous`.
    /// A file counts as attempted when it was sent (or meant to be sent) to DXR.
    package func record(for outcome: FileOutcome, previous: StoredFileState?, attempted: Bool) -> FileRecord {
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
            collectedAt: now,
            status: outcome.status,
            statusReason: outcome.reason,
            attempts: (previous?.attempts ?? 0) + (attempted ? 1 : 0),
            dxrFileID: classification?.dxrFileID,
            sha256: classification?.sha256,
            mimeType: classification?.mimeType,
            annotators: classification?.annotators ?? [],
            firstSeenAt: previous?.firstSeenAt ?? now,
            deletedAt: nil,
            runID: runID)
    }
}
