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
        let table = configuration.sqlName(configuration.table)
        let ledger = configuration.sqlName(configuration.ledgerTable)
        let events = configuration.sqlName(configuration.eventsTable)
        let reviews = configuration.sqlName(configuration.reviewsTable)
        let name = configuration.viewSQLName
        func view(_ suffix: String, _ comment: String, _ query: String) -> View {
            View(
                name: configuration.viewName(suffix), comment: comment,
                statement: "CREATE OR REPLACE VIEW \(name(suffix)) AS\n\(query)")
        }
        // The report's rules, in the views' SQL: reviews are judged when the view is read.
        let dialect = DatabricksSQLDialect()
        let coverage = ReportRules.coverage(dialect).text
        let labelled = ReportRules.labelled(
            dialect, table: SQLFragment(sql: table), rows: "t.deleted_at IS NULL"
        ).text
        let falsePositive = ReportRules.falsePositive(
            dialect, review: "r", labelled: "l", now: "current_timestamp()"
        ).text
        let removedInDXR = ReportRules.removedInDXR(dialect, labelled: "l").text
        views = [
            view(
                "file_labels",
                "One row per present file and label DXR gave it: whether it is effective (no active false-positive "
                    + "review of the file or its content, not removed by a person in DXR) and when it was first detected.",
                """
                WITH \(labelled), false_positive AS (
                  SELECT l.file_path, l.label, min(r.review_id) AS review_id
                  FROM labelled AS l JOIN \(reviews) AS r ON \(falsePositive)
                  GROUP BY l.file_path, l.label
                ), detected AS (
                  SELECT h.file_path, h.item AS label, min(h.changed_at) AS first_detected_at
                  FROM \(events) AS h WHERE h.item_kind = 'LABEL' AND h.change = 'ADDED'
                  GROUP BY h.file_path, h.item
                )
                SELECT l.file_path, l.label, l.file_size, d.first_detected_at,
                  \(removedInDXR) AS removed_in_dxr,
                  f.review_id AS false_positive_review,
                  NOT \(removedInDXR) AND f.review_id IS NULL AS effective
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
            // The figures of `report`'s volumes; a run's ledger scope is its volume, a folder of it,
            // or either with " (part …)", so a prefix match needs the separator after the volume.
            view(
                "volumes",
                "Per volume, present files: files, bytes, classified, with findings (reviews applied), skipped, "
                    + "failed (or never evaluated), and the latest run over the volume or a folder or part of it.",
                """
                WITH findings AS (
                  SELECT DISTINCT fl.file_path FROM \(name("file_labels")) AS fl WHERE fl.effective
                ), volumes AS (
                  SELECT t.catalog_name, t.schema_name, t.volume_name,
                    concat('/Volumes/', t.catalog_name, '/', t.schema_name, '/', t.volume_name) AS volume_path,
                    count(*) AS files, sum(t.file_size) AS bytes,
                    count_if(t.status = 'CLASSIFIED') AS classified, count(f.file_path) AS with_findings,
                    count_if(t.status = 'SKIPPED') AS skipped,
                    count_if(t.status = 'FAILED' OR t.status IS NULL) AS failed
                  FROM \(table) AS t LEFT JOIN findings AS f ON f.file_path = t.file_path
                  WHERE t.deleted_at IS NULL
                  GROUP BY t.catalog_name, t.schema_name, t.volume_name
                )
                SELECT v.catalog_name, v.schema_name, v.volume_name, v.files, v.bytes, v.classified, v.with_findings,
                  v.skipped, v.failed, max(r.started_at) AS last_run_at, max_by(r.status, r.started_at) AS last_run_status
                FROM volumes AS v LEFT JOIN \(ledger) AS r
                  ON r.scope = v.volume_path OR substring(r.scope, 1, length(v.volume_path) + 1)
                    IN (concat(v.volume_path, '/'), concat(v.volume_path, ' '))
                GROUP BY v.catalog_name, v.schema_name, v.volume_name, v.files, v.bytes, v.classified,
                  v.with_findings, v.skipped, v.failed
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
