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

    static func record(_ row: Row) -> FileRecord {
        FileRecord(
            filePath: text(row, "file_path") ?? "", relativePath: text(row, "relative_path") ?? "",
            catalogName: text(row, "catalog_name") ?? "",
            schemaName: text(row, "schema_name") ?? "", volumeName: text(row, "volume_name") ?? "",
            fileSize: integer(row, "file_size") ?? 0,
            modificationTime: integer(row, "modification_time") ?? 0, datasourceID: text(row, "datasource_id"),
            datasourceScanID: integer(row, "datasource_scan_id"), jobID: text(row, "job_id"),
            labels: array(text(row, "labels")),
            tags: array(text(row, "tags")), categories: array(text(row, "categories")),
            rawMetadata: text(row, "raw_metadata"),
            collectedAt: date(text(row, "collected_at")) ?? Date(timeIntervalSince1970: 0),
            status: FileStatus(rawValue: text(row, "status") ?? "") ?? .failed,
            statusReason: text(row, "status_reason"),
            attempts: integer(row, "attempts").map { Int($0) } ?? 0, dxrFileID: text(row, "dxr_file_id"),
            sha256: text(row, "sha256"),
            mimeType: text(row, "mime_type"),
            annotators: array(text(row, "annotators")),
            firstSeenAt: date(text(row, "first_seen_at")) ?? Date(timeIntervalSince1970: 0),
            deletedAt: date(text(row, "deleted_at")), runID: text(row, "run_id") ?? "")
    }

    static func state(_ row: Row) -> StoredFileState {
        StoredFileState(
            filePath: text(row, "file_path") ?? "", fileSize: integer(row, "file_size") ?? 0,
            modificationTime: integer(row, "modification_time") ?? 0,
            status: FileStatus(rawValue: text(row, "status") ?? "") ?? .failed,
            attempts: integer(row, "attempts").map { Int($0) } ?? 0, firstSeenAt: date(text(row, "first_seen_at")),
            deletedAt: date(text(row, "deleted_at")))
    }

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

    static func run(_ row: Row) -> RunRecord {
        var counts = RunCounts()
        counts.listed = integer(row, "listed").map { Int($0) } ?? 0
        counts.new = integer(row, "new").map { Int($0) } ?? 0
        counts.changed = integer(row, "changed").map { Int($0) } ?? 0
        counts.unchanged = integer(row, "unchanged").map { Int($0) } ?? 0
        counts.gone = integer(row, "gone").map { Int($0) } ?? 0
        counts.submitted = integer(row, "submitted").map { Int($0) } ?? 0
        counts.classified = integer(row, "classified").map { Int($0) } ?? 0
        counts.skipped = integer(row, "skipped").map { Int($0) } ?? 0
        counts.failed = integer(row, "failed").map { Int($0) } ?? 0
        counts.bytesUploaded = integer(row, "bytes_uploaded") ?? 0
        return RunRecord(
            runID: text(row, "run_id") ?? "",
            startedAt: date(text(row, "started_at")) ?? Date(timeIntervalSince1970: 0),
            finishedAt: date(text(row, "finished_at")), scope: text(row, "scope") ?? "",
            status: RunStatus(rawValue: text(row, "status") ?? "") ?? .failed, counts: counts,
            dxrJobIDs: array(text(row, "dxr_job_ids")),
            exitCode: integer(row, "exit_code").map { Int($0) }, error: text(row, "error"))
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

    /// An integer column, also when an older table stored it as text.
    static func integer(_ row: Row, _ column: String) -> Int64? {
        switch (row[column] as DatabaseValue?)?.storage {
        case .int64(let number)?: number
        case .double(let number)?: Int64(exactly: number.rounded())
        case .string(let string)?: Int64(string.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    private static func json(_ values: [String]) -> String {
        (try? JSONEncoder().encode(values)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    private static func array(_ text: String?) -> [String] {
        guard let text, let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }

    private static func date(_ text: String?) -> Date? { text.flatMap(Timestamps.date) }
}
