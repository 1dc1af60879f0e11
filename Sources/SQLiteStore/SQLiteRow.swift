import Foundation
import GRDB
import SyncCore

/// Converts records to and from SQLite rows, in the column order of ``MetadataSchema``.
enum SQLiteRow {
    static func values(of record: FileRecord) -> [(any DatabaseValueConvertible)?] {
        [
            record.filePath, record.relativePath, record.catalogName, record.schemaName, record.volumeName,
            record.fileSize,
            record.modificationTime, record.datasourceID, record.datasourceScanID, record.jobID, json(record.labels),
            json(record.tags), json(record.categories), record.rawMetadata, Timestamps.text(record.collectedAt),
            record.status.rawValue, record.statusReason, record.attempts, record.dxrFileID, record.sha256,
            record.mimeType,
            json(record.annotators), Timestamps.text(record.firstSeenAt), record.deletedAt.map(Timestamps.text),
            record.runID,
        ]
    }

    /// A row read back through the tolerant text decoding both stores share.
    static func stored(_ row: Row) -> StoredRow { StoredRow { text(row, $0) } }

    static func values(of run: RunRecord) -> [(any DatabaseValueConvertible)?] {
        let counts = run.counts
        return [
            run.runID, Timestamps.text(run.startedAt), run.finishedAt.map(Timestamps.text), run.scope,
            run.status.rawValue,
            counts.listed, counts.new, counts.changed, counts.unchanged, counts.gone, counts.submitted,
            counts.classified,
            counts.skipped, counts.failed, counts.bytesUploaded, json(run.dxrJobIDs), run.exitCode, run.error,
        ]
    }

    /// A text column, whatever its storage class; `nil` for NULL.
    static func text(_ row: Row, _ column: String) -> String? {
        switch row[column] as DatabaseValue? {
        case nil: return nil
        case let value?:
            switch value.storage {
            case .null: return nil
            case .int64(let number): return String(number)
            case .double(let number): return String(number)
            case .string(let string): return string
            case .blob(let data): return String(decoding: data, as: UTF8.self)
            }
        }
    }

    private static func json(_ values: [String]) -> String {
        (try? JSONEncoder().encode(values)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
