import Foundation

/// A stored row read back as text cells, as both stores deliver them: SQLite's values of any
/// storage class, and the Statement Execution API's `JSON_ARRAY` cells. Integers may arrive as
/// text, arrays as JSON text, timestamps as ISO-8601; a missing or malformed cell reads as NULL.
package struct StoredRow {
    private let cell: (String) -> String?

    /// `cell` returns a column's text, or `nil` for NULL.
    package init(_ cell: @escaping (String) -> String?) { self.cell = cell }

    package func text(_ column: String) -> String? { cell(column) }

    package func integer(_ column: String) -> Int64? {
        guard let text = cell(column)?.trimmingBlanks() else { return nil }
        return Int64(text) ?? Double(text).flatMap { Int64(exactly: $0.rounded()) }
    }

    package func strings(_ column: String) -> [String] {
        guard let data = cell(column)?.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String?].self, from: data))?.compactMap { $0 } ?? []
    }

    package func date(_ column: String) -> Date? { cell(column).flatMap(Timestamps.date) }

    private func count(_ column: String) -> Int { integer(column).map { Int($0) } ?? 0 }

    private static let epoch = Date(timeIntervalSince1970: 0)

    /// The row as a metadata-table record.
    package var fileRecord: FileRecord {
        FileRecord(
            filePath: text("file_path") ?? "", relativePath: text("relative_path") ?? "",
            catalogName: text("catalog_name") ?? "", schemaName: text("schema_name") ?? "",
            volumeName: text("volume_name") ?? "", fileSize: integer("file_size") ?? 0,
            modificationTime: integer("modification_time") ?? 0, datasourceID: text("datasource_id"),
            datasourceScanID: integer("datasource_scan_id"), jobID: text("job_id"), labels: strings("labels"),
            tags: strings("tags"), categories: strings("categories"), rawMetadata: text("raw_metadata"),
            collectedAt: date("collected_at") ?? Self.epoch, status: status, statusReason: text("status_reason"),
            attempts: count("attempts"), dxrFileID: text("dxr_file_id"), sha256: text("sha256"),
            mimeType: text("mime_type"), annotators: strings("annotators"),
            firstSeenAt: date("first_seen_at") ?? Self.epoch, deletedAt: date("deleted_at"),
            runID: text("run_id") ?? "")
    }

    /// What reconciliation needs of the row. A row without our status (left by the playbook)
    /// reads as `FAILED`, so it is classified once more and gains our columns.
    package var storedState: StoredFileState {
        StoredFileState(
            filePath: text("file_path") ?? "", fileSize: integer("file_size") ?? 0,
            modificationTime: integer("modification_time") ?? 0, status: status, attempts: count("attempts"),
            firstSeenAt: date("first_seen_at"), deletedAt: date("deleted_at"))
    }

    private var status: FileStatus { FileStatus(rawValue: text("status") ?? "") ?? .failed }

    /// The row as a run-ledger record.
    package var runRecord: RunRecord {
        var counts = RunCounts()
        counts.listed = count("listed")
        counts.new = count("new")
        counts.changed = count("changed")
        counts.unchanged = count("unchanged")
        counts.gone = count("gone")
        counts.submitted = count("submitted")
        counts.classified = count("classified")
        counts.skipped = count("skipped")
        counts.failed = count("failed")
        counts.bytesUploaded = integer("bytes_uploaded") ?? 0
        return RunRecord(
            runID: text("run_id") ?? "", startedAt: date("started_at") ?? Self.epoch, finishedAt: date("finished_at"),
            scope: text("scope") ?? "", status: RunStatus(rawValue: text("status") ?? "") ?? .failed, counts: counts,
            dxrJobIDs: strings("dxr_job_ids"), exitCode: integer("exit_code").map { Int($0) }, error: text("error"))
    }
}
