import SyncCore

/// Views over the metadata table and its ledger that answer the usual governance questions. They
/// are created next to the table (`dxrsync views`), named after it, with the table's name written
/// into their text: Databricks does not allow parameter markers in a view's query.
package struct GovernanceViews: Sendable {
    package struct View: Sendable, Hashable {
        /// The unqualified view name, `<table>_<suffix>`.
        package var name: String
        package var comment: String
        /// `CREATE OR REPLACE VIEW …`.
        package var statement: String
    }

    package let views: [View]

    package init(configuration: MetadataConfiguration) {
        let catalog = configuration.catalog
        let schema = configuration.schema
        let table = DeltaSQL.qualified(catalog, schema, configuration.table)
        let ledger = DeltaSQL.qualified(catalog, schema, configuration.ledgerTable)
        let events = DeltaSQL.qualified(catalog, schema, configuration.eventsTable)
        let reviews = DeltaSQL.qualified(catalog, schema, configuration.reviewsTable)
        func name(_ suffix: String) -> String {
            DeltaSQL.qualified(catalog, schema, "\(configuration.table)_\(suffix)")
        }
        func view(_ suffix: String, _ comment: String, _ query: String) -> View {
            View(
                name: "\(configuration.table)_\(suffix)", comment: comment,
                statement: "CREATE OR REPLACE VIEW \(name(suffix)) AS\n\(query)")
        }
        let coverage = """
            coalesce(t.coverage, CASE WHEN t.status IS NULL THEN 'NOT_EVALUATED' WHEN t.status = 'SKIPPED' THEN 'SKIPPED'
              WHEN t.status = 'FAILED' THEN 'FAILED' WHEN coalesce(size(t.labels), 0) > 0 THEN 'CLASSIFIED_WITH_FINDINGS'
              ELSE 'CLASSIFIED_NO_FINDINGS' END)
            """
        views = [
            view(
                "file_labels",
                "One row per present file and label DXR gave it: whether it is effective (no active false-positive "
                    + "review of the file or its content, not removed by a person in DXR) and when it was first detected.",
                """
                WITH labelled AS (
                  SELECT t.file_path, t.sha256, t.file_size, t.dxr_removed_labels, e.label
                  FROM \(table) AS t LATERAL VIEW explode(t.labels) e AS label
                  WHERE t.deleted_at IS NULL
                ), false_positive AS (
                  SELECT l.file_path, l.label, min(r.review_id) AS review_id
                  FROM labelled AS l JOIN \(reviews) AS r
                    ON r.label = l.label AND (r.file_path = l.file_path OR r.sha256 = l.sha256)
                  WHERE r.verdict = 'FALSE_POSITIVE' AND (r.expires_at IS NULL OR r.expires_at > current_timestamp())
                  GROUP BY l.file_path, l.label
                ), detected AS (
                  SELECT h.file_path, h.item AS label, min(h.changed_at) AS first_detected_at
                  FROM \(events) AS h WHERE h.item_kind = 'LABEL' AND h.change = 'ADDED'
                  GROUP BY h.file_path, h.item
                )
                SELECT l.file_path, l.label, l.file_size, d.first_detected_at,
                  coalesce(array_contains(l.dxr_removed_labels, l.label), false) AS removed_in_dxr,
                  f.review_id AS false_positive_review,
                  NOT coalesce(array_contains(l.dxr_removed_labels, l.label), false) AND f.review_id IS NULL AS effective
                FROM labelled AS l
                LEFT JOIN false_positive AS f ON f.file_path = l.file_path AND f.label = l.label
                LEFT JOIN detected AS d ON d.file_path = l.file_path AND d.label = l.label
                """),
            view(
                "files_per_label", "Files and bytes per effective DXR label (reviews applied), present files.",
                """
                SELECT fl.label, count(*) AS files, sum(fl.file_size) AS bytes, min(fl.first_detected_at) AS first_detected_at
                FROM \(name("file_labels")) AS fl
                WHERE fl.effective
                GROUP BY fl.label
                """),
            view(
                "sensitive_files", "Present files with at least one effective DXR label (reviews applied).",
                """
                SELECT t.file_path, t.catalog_name, t.schema_name, t.volume_name, s.labels, t.labels AS dxr_labels,
                t.categories, t.annotators, t.file_size, t.sha256, t.collected_at, s.first_detected_at
                FROM \(table) AS t
                JOIN (
                  SELECT fl.file_path, collect_list(fl.label) AS labels, min(fl.first_detected_at) AS first_detected_at
                  FROM \(name("file_labels")) AS fl WHERE fl.effective GROUP BY fl.file_path
                ) AS s ON s.file_path = t.file_path
                WHERE t.deleted_at IS NULL
                """),
            view(
                "coverage",
                "Per volume and coverage class (with findings, without, text not extracted, skipped, failed): files "
                    + "and bytes, and their share of the volume's present files. Not evaluated never reads as clean.",
                """
                SELECT c.catalog_name, c.schema_name, c.volume_name, c.coverage, c.files, c.bytes,
                  round(100 * c.files / sum(c.files) OVER (PARTITION BY c.catalog_name, c.schema_name, c.volume_name), 1)
                    AS percent_of_files,
                  round(100 * c.bytes / sum(c.bytes) OVER (PARTITION BY c.catalog_name, c.schema_name, c.volume_name), 1)
                    AS percent_of_bytes
                FROM (
                  SELECT t.catalog_name, t.schema_name, t.volume_name, \(coverage) AS coverage,
                    count(*) AS files, sum(t.file_size) AS bytes
                  FROM \(table) AS t
                  WHERE t.deleted_at IS NULL
                  GROUP BY t.catalog_name, t.schema_name, t.volume_name, \(coverage)
                ) AS c
                """),
            view(
                "label_changes",
                "The label history: labels that appeared on or disappeared from files, with when and in which run.",
                """
                SELECT h.changed_at, h.change, h.item AS label, h.file_path, h.run_id
                FROM \(events) AS h
                WHERE h.item_kind = 'LABEL'
                """),
            view(
                "duplicates", "Identical content under several present paths (the same SHA-256).",
                """
                SELECT t.sha256, count(*) AS files, sum(t.file_size) AS bytes, sort_array(collect_list(t.file_path)) AS paths
                FROM \(table) AS t
                WHERE t.deleted_at IS NULL AND t.sha256 IS NOT NULL
                GROUP BY t.sha256
                HAVING count(*) > 1
                """),
            view(
                "latest_runs", "The 50 latest runs of the ledger, newest first.",
                """
                SELECT r.run_id, r.started_at, r.finished_at, r.scope, r.status, r.listed, r.new, r.changed, \
                r.unchanged, r.gone, r.stale, r.deferred, r.submitted, r.classified, r.skipped, r.failed, r.bytes_uploaded, \
                r.exit_code, r.error, r.classifier_fingerprint
                FROM \(ledger) AS r
                ORDER BY r.started_at DESC
                LIMIT 50
                """),
        ]
    }

    /// Every statement as one SQL script, each with a comment line saying what it answers.
    package var script: String {
        views.map { "-- \($0.name): \($0.comment)\n\($0.statement);\n" }.joined(separator: "\n")
    }
}
