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

    /// The stored state from the columns `file_path, file_size, modification_time, status,
    /// attempts, first_seen_at, deleted_at`, in that order.
    static func state(_ row: Row) -> StoredFileState {
        StoredFileState(
            filePath: text(row[0]) ?? "", fileSize: integer(row[1]) ?? 0, modificationTime: integer(row[2]) ?? 0,
            status: FileStatus(rawValue: text(row[3]) ?? "") ?? .failed, attempts: Int(integer(row[4]) ?? 0),
            firstSeenAt: text(row[5]).flatMap(Timestamps.date), deletedAt: text(row[6]).flatMap(Timestamps.date))
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
        (row[column] as DatabaseValue?).flatMap(text)
    }

    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let string): string
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }

    /// An integer, also when an older table stored it as text or a real.
    static func integer(_ value: DatabaseValue) -> Int64? {
        switch value.storage {
        case .int64(let number): number
        case .double(let number): Int64(exactly: number.rounded())
        case .string(let string): Int64(string.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    private static func json(_ values: [String]) -> String { StringListJSON.text(values) }

}
