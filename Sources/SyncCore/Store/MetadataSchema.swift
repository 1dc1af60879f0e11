/// The columns of the metadata table and the run ledger, in order, with their Delta types.
/// The playbook's fifteen columns come first, unchanged; ours are appended.
package enum MetadataSchema {
    package struct Column: Sendable, Hashable {
        package let name: String
        /// The Delta (Databricks SQL) type.
        package let deltaType: String

        init(_ name: String, _ deltaType: String) {
            self.name = name
            self.deltaType = deltaType
        }
    }

    /// The playbook's columns.
    package static let playbookColumns: [Column] = [
        Column("file_path", "STRING"), Column("relative_path", "STRING"), Column("catalog_name", "STRING"),
        Column("schema_name", "STRING"), Column("volume_name", "STRING"), Column("file_size", "BIGINT"),
        Column("modification_time", "BIGINT"), Column("datasource_id", "STRING"),
        Column("datasource_scan_id", "BIGINT"),
        Column("job_id", "STRING"), Column("labels", "ARRAY<STRING>"), Column("tags", "ARRAY<STRING>"),
        Column("categories", "ARRAY<STRING>"), Column("raw_metadata", "STRING"), Column("collected_at", "TIMESTAMP"),
    ]

    /// The columns dxrsync adds.
    package static let addedColumns: [Column] = [
        Column("status", "STRING"), Column("status_reason", "STRING"), Column("attempts", "INT"),
        Column("dxr_file_id", "STRING"), Column("sha256", "STRING"), Column("mime_type", "STRING"),
        Column("annotators", "ARRAY<STRING>"), Column("first_seen_at", "TIMESTAMP"), Column("deleted_at", "TIMESTAMP"),
        Column("run_id", "STRING"),
    ]

    /// Every column of the metadata table, in order.
    package static var columns: [Column] { playbookColumns + addedColumns }

    /// The run ledger's columns.
    package static let ledgerColumns: [Column] = [
        Column("run_id", "STRING"), Column("started_at", "TIMESTAMP"), Column("finished_at", "TIMESTAMP"),
        Column("scope", "STRING"), Column("status", "STRING"), Column("listed", "BIGINT"), Column("new", "BIGINT"),
        Column("changed", "BIGINT"), Column("unchanged", "BIGINT"), Column("gone", "BIGINT"),
        Column("submitted", "BIGINT"),
        Column("classified", "BIGINT"), Column("skipped", "BIGINT"), Column("failed", "BIGINT"),
        Column("bytes_uploaded", "BIGINT"), Column("dxr_job_ids", "ARRAY<STRING>"), Column("exit_code", "INT"),
        Column("error", "STRING"),
    ]
}
