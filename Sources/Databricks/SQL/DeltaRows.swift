import Foundation
import SyncCore

/// Rows as the JSON objects `from_json` reads: keys are column names, timestamps ISO-8601 UTC
/// with an explicit `Z`, NULLs left out.
enum DeltaRows {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct FileRow: Encodable {
        let record: FileRecord

        func encode(to encoder: any Encoder) throws {
            var row = encoder.container(keyedBy: Key.self)
            let r = record
            try row.encode(r.filePath, forKey: Key(stringValue: "file_path"))
            try row.encode(r.relativePath, forKey: Key(stringValue: "relative_path"))
            try row.encode(r.catalogName, forKey: Key(stringValue: "catalog_name"))
            try row.encode(r.schemaName, forKey: Key(stringValue: "schema_name"))
            try row.encode(r.volumeName, forKey: Key(stringValue: "volume_name"))
            try row.encode(r.fileSize, forKey: Key(stringValue: "file_size"))
            try row.encode(r.modificationTime, forKey: Key(stringValue: "modification_time"))
            try row.encodeIfPresent(r.datasourceID, forKey: Key(stringValue: "datasource_id"))
            try row.encodeIfPresent(r.datasourceScanID, forKey: Key(stringValue: "datasource_scan_id"))
            try row.encodeIfPresent(r.jobID, forKey: Key(stringValue: "job_id"))
            try row.encode(r.labels, forKey: Key(stringValue: "labels"))
            try row.encode(r.tags, forKey: Key(stringValue: "tags"))
            try row.encode(r.categories, forKey: Key(stringValue: "categories"))
            try row.encodeIfPresent(r.rawMetadata, forKey: Key(stringValue: "raw_metadata"))
            try row.encode(Timestamps.text(r.collectedAt), forKey: Key(stringValue: "collected_at"))
            try row.encode(r.status.rawValue, forKey: Key(stringValue: "status"))
            try row.encodeIfPresent(r.statusReason, forKey: Key(stringValue: "status_reason"))
            try row.encode(r.attempts, forKey: Key(stringValue: "attempts"))
            try row.encodeIfPresent(r.dxrFileID, forKey: Key(stringValue: "dxr_file_id"))
            try row.encodeIfPresent(r.sha256, forKey: Key(stringValue: "sha256"))
            try row.encodeIfPresent(r.mimeType, forKey: Key(stringValue: "mime_type"))
            try row.encode(r.annotators, forKey: Key(stringValue: "annotators"))
            try row.encode(Timestamps.text(r.firstSeenAt), forKey: Key(stringValue: "first_seen_at"))
            try row.encodeIfPresent(r.deletedAt.map(Timestamps.text), forKey: Key(stringValue: "deleted_at"))
            try row.encode(r.runID, forKey: Key(stringValue: "run_id"))
        }
    }

    struct TombstoneRow: Encodable {
        let filePath: String
        let deletedAt: String
        let runID: String

        enum CodingKeys: String, CodingKey {
            case filePath = "file_path"
            case deletedAt = "deleted_at"
            case runID = "run_id"
        }
    }

    struct RunRow: Encodable {
        let run: RunRecord

        func encode(to encoder: any Encoder) throws {
            var row = encoder.container(keyedBy: Key.self)
            try row.encode(run.runID, forKey: Key(stringValue: "run_id"))
            try row.encode(Timestamps.text(run.startedAt), forKey: Key(stringValue: "started_at"))
            try row.encodeIfPresent(run.finishedAt.map(Timestamps.text), forKey: Key(stringValue: "finished_at"))
            try row.encode(run.scope, forKey: Key(stringValue: "scope"))
            try row.encode(run.status.rawValue, forKey: Key(stringValue: "status"))
            let counts = run.counts
            let numbers: [(String, Int64)] = [
                ("listed", Int64(counts.listed)), ("new", Int64(counts.new)), ("changed", Int64(counts.changed)),
                ("unchanged", Int64(counts.unchanged)), ("gone", Int64(counts.gone)),
                ("submitted", Int64(counts.submitted)), ("classified", Int64(counts.classified)),
                ("skipped", Int64(counts.skipped)), ("failed", Int64(counts.failed)),
                ("bytes_uploaded", counts.bytesUploaded),
            ]
            for (name, value) in numbers { try row.encode(value, forKey: Key(stringValue: name)) }
            try row.encode(run.dxrJobIDs, forKey: Key(stringValue: "dxr_job_ids"))
            try row.encodeIfPresent(run.exitCode, forKey: Key(stringValue: "exit_code"))
            try row.encodeIfPresent(run.error, forKey: Key(stringValue: "error"))
        }
    }
}
