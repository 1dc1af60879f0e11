import Foundation

/// One cell of a row as both stores write it; each store encodes the kinds its own way (SQLite:
/// arrays as JSON text; Delta: arrays as JSON arrays in the `from_json` payload).
package enum ColumnValue: Sendable, Hashable {
    case text(String?)
    case integer(Int64?)
    case strings([String])
    case timestamp(Date?)
}

extension FileRecord {
    /// The cells of the row, in the order of ``MetadataSchema/columns``.
    package var columnValues: [ColumnValue] {
        [
            .text(filePath), .text(relativePath), .text(catalogName), .text(schemaName), .text(volumeName),
            .integer(fileSize), .integer(modificationTime), .text(datasourceID), .integer(datasourceScanID),
            .text(jobID), .strings(labels), .strings(tags), .strings(categories), .text(rawMetadata),
            .timestamp(collectedAt), .text(status.rawValue), .text(statusReason), .integer(Int64(attempts)),
            .text(dxrFileID), .text(sha256), .text(mimeType), .strings(annotators), .timestamp(firstSeenAt),
            .timestamp(deletedAt), .text(runID), .timestamp(lastAttemptAt), .text(coverage?.rawValue),
            .text(classifierFingerprint), .strings(dxrRemovedLabels), .text(MetadataSchema.pathKey(of: filePath)),
        ]
    }
}

extension RunRecord {
    /// The cells of the ledger row, in the order of ``MetadataSchema/ledgerColumns``.
    package var columnValues: [ColumnValue] {
        [
            .text(runID), .timestamp(startedAt), .timestamp(finishedAt), .text(scope), .text(status.rawValue),
            .integer(Int64(counts.listed)), .integer(Int64(counts.new)), .integer(Int64(counts.changed)),
            .integer(Int64(counts.unchanged)), .integer(Int64(counts.gone)), .integer(Int64(counts.submitted)),
            .integer(Int64(counts.classified)), .integer(Int64(counts.skipped)), .integer(Int64(counts.failed)),
            .integer(counts.bytesUploaded), .strings(dxrJobIDs), .integer(exitCode.map(Int64.init)), .text(error),
            .text(classifierFingerprint), .integer(Int64(counts.stale)), .integer(Int64(counts.deferred)),
        ]
    }
}
