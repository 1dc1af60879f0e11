/// The columns of the metadata table and the run ledger, in order, with their Delta types and
/// how an upsert treats each. The playbook's fifteen columns come first, unchanged; ours are
/// appended (an existing table gains them in place), never reordered.
package enum MetadataSchema {
    /// What an upsert does with a column of a row that already exists.
    package enum Merge: Sendable, Hashable {
        /// The row's key.
        case key
        /// Replaced by the new value.
        case replace
        /// Keeps the stored value once there is one (`first_seen_at`).
        case keepFirst
        /// The new value is added to the stored one (`attempts`: the uploads of this run).
        case add
        /// Replaced unless the new value is NULL (`last_attempt_at`: a skip is not an attempt).
        case replaceUnlessNull
        /// Part of the last good classification: replaced only by a `CLASSIFIED` row, so a failed,
        /// skipped or interrupted attempt keeps what DXR said before.
        case classification
    }

    package struct Column: Sendable, Hashable {
        package let name: String
        /// The Delta (Databricks SQL) type.
        package let deltaType: String
        package let merge: Merge

        init(_ name: String, _ deltaType: String, _ merge: Merge = .replace) {
            self.name = name
            self.deltaType = deltaType
            self.merge = merge
        }

        /// Whether it holds an `ARRAY<STRING>`.
        package var isArray: Bool { deltaType == "ARRAY<STRING>" }
    }

    /// The playbook's columns.
    package static let playbookColumns: [Column] = [
        Column("file_path", "STRING", .key), Column("relative_path", "STRING"), Column("catalog_name", "STRING"),
        Column("schema_name", "STRING"), Column("volume_name", "STRING"), Column("file_size", "BIGINT"),
        Column("modification_time", "BIGINT"), Column("datasource_id", "STRING", .classification),
        Column("datasource_scan_id", "BIGINT", .classification), Column("job_id", "STRING", .classification),
        Column("labels", "ARRAY<STRING>", .classification), Column("tags", "ARRAY<STRING>", .classification),
        Column("categories", "ARRAY<STRING>", .classification), Column("raw_metadata", "STRING", .classification),
        Column("collected_at", "TIMESTAMP", .classification),
    ]

    /// The columns dxrsync adds.
    package static let addedColumns: [Column] = [
        Column("status", "STRING"), Column("status_reason", "STRING"), Column("attempts", "INT", .add),
        Column("dxr_file_id", "STRING", .classification), Column("sha256", "STRING", .classification),
        Column("mime_type", "STRING", .classification), Column("annotators", "ARRAY<STRING>", .classification),
        Column("first_seen_at", "TIMESTAMP", .keepFirst), Column("deleted_at", "TIMESTAMP"),
        Column("run_id", "STRING"), Column("last_attempt_at", "TIMESTAMP", .replaceUnlessNull),
        Column("coverage", "STRING"), Column("classifier_fingerprint", "STRING", .classification),
        Column("dxr_removed_labels", "ARRAY<STRING>", .classification), Column("path_key", "STRING"),
    ]

    /// `path_key`: the path after `/Volumes/<catalog>/<schema>/`, the volume's name first
    /// (`docs/raw/2024/a.txt`); `""` for a path of another shape. `file_path` shares its first 20 to
    /// 40 characters with every row of a volume, and Delta keeps only 32 characters of a string's
    /// statistics, so no data file can be skipped by `file_path`; by this short key it can. It is
    /// derived from `file_path` alone (SQL: ``pathKeySQL``), so a range of keys holds exactly the
    /// rows of the range of paths it comes from.
    package static func pathKey(of filePath: String) -> String {
        let parts = filePath.split(separator: "/", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "Volumes" else { return "" }
        return String(parts[4])
    }

    /// ``pathKey(of:)`` in Databricks SQL, over the `file_path` column `column`.
    package static func pathKeySQL(_ column: String) -> String {
        "regexp_extract(\(column), '^/Volumes/[^/]*/[^/]*/(.*)$', 1)"
    }

    /// Every column of the metadata table, in order.
    package static let columns: [Column] = playbookColumns + addedColumns

    /// The run ledger's columns.
    package static let ledgerColumns: [Column] = [
        Column("run_id", "STRING", .key), Column("started_at", "TIMESTAMP"), Column("finished_at", "TIMESTAMP"),
        Column("scope", "STRING"), Column("status", "STRING"), Column("listed", "BIGINT"), Column("new", "BIGINT"),
        Column("changed", "BIGINT"), Column("unchanged", "BIGINT"), Column("gone", "BIGINT"),
        Column("submitted", "BIGINT"), Column("classified", "BIGINT"), Column("skipped", "BIGINT"),
        Column("failed", "BIGINT"), Column("bytes_uploaded", "BIGINT"), Column("dxr_job_ids", "ARRAY<STRING>"),
        Column("exit_code", "INT"), Column("error", "STRING"), Column("classifier_fingerprint", "STRING"),
        Column("stale", "BIGINT"), Column("deferred", "BIGINT"),
    ]

    /// Label history (`<table>_events`): one row per label or detector a run saw appear on or
    /// disappear from a file. Appended, never updated.
    package static let eventColumns: [Column] = [
        Column("run_id", "STRING"), Column("file_path", "STRING"), Column("item", "STRING"),
        Column("item_kind", "STRING"), Column("change", "STRING"), Column("changed_at", "TIMESTAMP"),
    ]

    /// Stewards' reviews (`<table>_reviews`), written with SQL or `dxrsync review`.
    package static let reviewColumns: [Column] = [
        Column("review_id", "STRING", .key), Column("file_path", "STRING"), Column("sha256", "STRING"),
        Column("label", "STRING"), Column("verdict", "STRING"), Column("reason", "STRING"),
        Column("reviewer", "STRING"), Column("created_at", "TIMESTAMP"), Column("expires_at", "TIMESTAMP"),
    ]

    /// The value a column takes in an upsert, as SQL over the stored row `stored` and the new row
    /// `new` (each an alias, or a table name in SQLite's `excluded` form). Both stores build their
    /// upsert from this, so they keep the same rules.
    package static func mergedValue(of column: Column, stored: String, new: String, quote: (String) -> String)
        -> String
    {
        let name = quote(column.name)
        let (old, incoming) = ("\(stored).\(name)", "\(new).\(name)")
        switch column.merge {
        case .key, .replace: return incoming
        case .keepFirst: return "coalesce(\(old), \(incoming))"
        case .add: return "coalesce(\(old), 0) + coalesce(\(incoming), 0)"
        case .replaceUnlessNull: return "coalesce(\(incoming), \(old))"
        case .classification:
            return "CASE WHEN \(new).\(quote("status")) = 'CLASSIFIED' THEN \(incoming) ELSE \(old) END"
        }
    }
}
