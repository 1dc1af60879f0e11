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
            filePath: row["file_path"], relativePath: row["relative_path"] ?? "",
            catalogName: row["catalog_name"] ?? "",
            schemaName: row["schema_name"] ?? "", volumeName: row["volume_name"] ?? "", fileSize: row["file_size"] ?? 0,
            modificationTime: row["modification_time"] ?? 0, datasourceID: row["datasource_id"],
            datasourceScanID: row["datasource_scan_id"], jobID: row["job_id"], labels: array(row["labels"]),
            tags: array(row["tags"]), categories: array(row["categories"]), rawMetadata: row["raw_metadata"],
            collectedAt: date(row["collected_at"]) ?? Date(timeIntervalSince1970: 0),
            status: FileStatus(rawValue: row["status"] ?? "") ?? .failed, statusReason: row["status_reason"],
            attempts: row["attempts"] ?? 0, dxrFileID: row["dxr_file_id"], sha256: row["sha256"],
            mimeType: row["mime_type"],
            annotators: array(row["annotators"]),
            firstSeenAt: date(row["first_seen_at"]) ?? Date(timeIntervalSince1970: 0),
            deletedAt: date(row["deleted_at"]), runID: row["run_id"] ?? "")
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
        counts.listed = row["listed"] ?? 0
        counts.new = row["new"] ?? 0
        counts.changed = row["changed"] ?? 0
        counts.unchanged = row["unchanged"] ?? 0
        counts.gone = row["gone"] ?? 0
        counts.submitted = row["submitted"] ?? 0
        counts.classified = row["classified"] ?? 0
        counts.skipped = row["skipped"] ?? 0
        counts.failed = row["failed"] ?? 0
        counts.bytesUploaded = row["bytes_uploaded"] ?? 0
        return RunRecord(
            runID: row["run_id"], startedAt: date(row["started_at"]) ?? Date(timeIntervalSince1970: 0),
            finishedAt: date(row["finished_at"]), scope: row["scope"] ?? "",
            status: RunStatus(rawValue: row["status"] ?? "") ?? .failed, counts: counts,
            dxrJobIDs: array(row["dxr_job_ids"]),
            exitCode: row["exit_code"], error: row["error"])
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
