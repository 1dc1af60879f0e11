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
        func view(_ suffix: String, _ comment: String, _ query: String) -> View {
            let name = "\(configuration.table)_\(suffix)"
            return View(
                name: name, comment: comment,
                statement: "CREATE OR REPLACE VIEW \(DeltaSQL.qualified(catalog, schema, name)) AS\n\(query)")
        }
        views = [
            view(
                "files_per_label", "Files and bytes per DXR label (present, classified files).",
                """
                SELECT l.label, count(*) AS files, sum(t.file_size) AS bytes
                FROM \(table) AS t LATERAL VIEW explode(t.labels) l AS label
                WHERE t.deleted_at IS NULL AND t.status = 'CLASSIFIED'
                GROUP BY l.label
                """),
            view(
                "sensitive_files", "Present files with at least one DXR label.",
                """
                SELECT t.file_path, t.catalog_name, t.schema_name, t.volume_name, t.labels, t.categories, \
                t.annotators, t.file_size, t.collected_at
                FROM \(table) AS t
                WHERE t.deleted_at IS NULL AND t.status = 'CLASSIFIED' AND size(t.labels) > 0
                """),
            view(
                "coverage", "Per volume: files classified, skipped, failed (or not yet classified) and deleted.",
                """
                SELECT t.catalog_name, t.schema_name, t.volume_name,
                  count_if(t.deleted_at IS NULL AND t.status = 'CLASSIFIED') AS classified,
                  count_if(t.deleted_at IS NULL AND t.status = 'SKIPPED') AS skipped,
                  count_if(t.deleted_at IS NULL AND (t.status = 'FAILED' OR t.status IS NULL)) AS failed,
                  count_if(t.deleted_at IS NOT NULL) AS deleted,
                  count(*) AS total
                FROM \(table) AS t
                GROUP BY t.catalog_name, t.schema_name, t.volume_name
                """),
            view(
                "latest_runs", "The 50 latest runs of the ledger, newest first.",
                """
                SELECT r.run_id, r.started_at, r.finished_at, r.scope, r.status, r.listed, r.new, r.changed, \
                r.unchanged, r.gone, r.submitted, r.classified, r.skipped, r.failed, r.bytes_uploaded, r.exit_code, r.error
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
