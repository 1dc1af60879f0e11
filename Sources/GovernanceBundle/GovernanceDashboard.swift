import SyncCore

/// The AI/BI (Lakeview) dashboard the bundle deploys: the same panels as `report --html`, each a
/// dataset over the governance views (or the table and its ledger) of one metadata table, with
/// the names written in (a dashboard file is not interpolated). `dxrsync views --write-bundle`
/// writes it for the configured table. The file has the 2026 shape Databricks' own dashboard skill
/// (databricks/databricks-agent-skills, `databricks-aibi-dashboards`) requires: canvas pages with
/// `layoutVersion: GRID_V1` on the 12-column grid Lakeview moved to in February 2026 (a 6-column
/// layout renders at half width), bar and line v3, counter v2, and table v2 whose columns are
/// `{fieldName, displayName}`.
package struct GovernanceDashboard: Sendable {
    /// A dataset: its name, title and query.
    package struct Dataset: Sendable, Hashable {
        package var name: String
        package var title: String
        package var query: String
    }

    package let datasets: [Dataset]
    private let widgets: [LakeviewDashboard.Placement]

    package init(configuration: MetadataConfiguration) {
        let view = configuration.viewSQLName
        let table = configuration.sqlName(configuration.table)
        datasets = [
            Dataset(
                name: "totals", title: "Totals",
                query: """
                    SELECT sum(c.files) AS files, sum(c.bytes) AS bytes,
                      sum(CASE WHEN c.coverage = 'CLASSIFIED_WITH_FINDINGS' THEN c.files ELSE 0 END) AS files_with_findings,
                      round(100 * sum(CASE WHEN c.coverage IN ('CLASSIFIED_WITH_FINDINGS', 'CLASSIFIED_NO_FINDINGS')
                        THEN c.files ELSE 0 END) / sum(c.files), 1) AS percent_classified
                    FROM \(view("coverage")) AS c
                    """),
            // Volumes with findings first, then those DXR did not fully evaluate, as the page orders them.
            Dataset(
                name: "volumes", title: "Volumes",
                query: """
                    SELECT concat_ws('.', v.catalog_name, v.schema_name, v.volume_name) AS volume, v.files, v.classified,
                      v.with_findings, v.skipped, v.failed, v.bytes, v.last_run_at, v.last_run_status
                    FROM \(view("volumes")) AS v
                    ORDER BY v.with_findings DESC, v.failed + v.skipped DESC, volume
                    """),
            Dataset(
                name: "coverage", title: "Coverage",
                query: "SELECT c.volume_name, c.coverage, c.files, c.bytes, c.percent_of_files, c.percent_of_bytes "
                    + "FROM \(view("coverage")) AS c"),
            Dataset(
                name: "labels", title: "Files per label (reviews applied)",
                query: "SELECT l.label, l.files, l.bytes, l.first_detected_at FROM \(view("files_per_label")) AS l"),
            Dataset(
                name: "detectors", title: "Files per detector",
                query: """
                    SELECT d.detector, count(*) AS files, sum(t.file_size) AS bytes
                    FROM \(table) AS t LATERAL VIEW explode(t.annotators) d AS detector
                    WHERE t.deleted_at IS NULL GROUP BY d.detector
                    """),
            Dataset(
                name: "folders", title: "Files with findings per top-level folder",
                query: """
                    SELECT coalesce(nullif(regexp_extract(s.file_path, '^/Volumes/[^/]+/[^/]+/[^/]+/([^/]+)/', 1), ''),
                      '(volume root)') AS folder, s.volume_name, count(*) AS files_with_findings, sum(s.file_size) AS bytes
                    FROM \(view("sensitive_files")) AS s GROUP BY 1, 2
                    """),
            Dataset(
                name: "runs", title: "Runs",
                query: """
                    SELECT r.started_at, r.status, r.listed, r.submitted, r.classified, r.skipped, r.failed, r.exit_code,
                      timestampdiff(SECOND, r.started_at, r.finished_at) AS seconds, r.error
                    FROM \(view("latest_runs")) AS r
                    """),
            Dataset(
                name: "changes", title: "Label changes in the last 7 days",
                query: """
                    SELECT c.changed_at, c.change, c.label, c.file_path FROM \(view("label_changes")) AS c
                    WHERE c.changed_at >= current_timestamp() - INTERVAL 7 DAYS
                    """),
            Dataset(
                name: "sensitive_files", title: "Files with findings",
                query: """
                    SELECT s.file_path, array_join(s.labels, ', ') AS labels, s.file_size, s.first_detected_at,
                      s.collected_at
                    FROM \(view("sensitive_files")) AS s
                    """),
        ]
        // Every row fills the 12 columns: three counters, a full-width table of the volumes, then pairs
        // of half-width tiles, then a full-width table.
        widgets = [
            Self.counter("files", dataset: "totals", field: "files", title: "Files", at: (0, 0)),
            Self.counter(
                "files_with_findings", dataset: "totals", field: "files_with_findings", title: "Files with findings",
                at: (4, 0)),
            Self.counter(
                "percent_classified", dataset: "totals", field: "percent_classified", title: "% of files classified",
                at: (8, 0)),
            Self.table(
                "volumes", dataset: "volumes",
                columns: [
                    "volume", "files", "classified", "with_findings", "skipped", "failed", "bytes", "last_run_at",
                    "last_run_status",
                ], title: "Volumes (findings with reviews applied)", at: (0, 2), width: 12),
            Self.bar(
                "coverage", dataset: "coverage", x: "coverage", y: "files", title: "Coverage (files)", at: (0, 8)),
            Self.bar("labels", dataset: "labels", x: "label", y: "files", title: "Files per label", at: (6, 8)),
            Self.bar(
                "detectors", dataset: "detectors", x: "detector", y: "files", title: "Files per detector", at: (0, 14)),
            Self.bar(
                "folders", dataset: "folders", x: "folder", y: "files_with_findings",
                title: "Where the sensitive files are (top-level folders)", at: (6, 14)),
            Self.line(
                "runs", dataset: "runs", x: "started_at", y: "classified", title: "Files classified per run",
                at: (0, 20)),
            Self.table(
                "recent_changes", dataset: "changes", columns: ["changed_at", "change", "label", "file_path"],
                title: "Label changes in the last 7 days", at: (6, 20), width: 6),
            Self.table(
                "sensitive_files", dataset: "sensitive_files",
                columns: ["file_path", "labels", "file_size", "first_detected_at"], title: "Files with findings",
                at: (0, 26), width: 12),
        ]
    }

    /// The dashboard as `.lvdash.json`.
    var document: LakeviewDashboard {
        LakeviewDashboard(
            datasets: datasets.map {
                .init(
                    name: $0.name, displayName: $0.title,
                    queryLines: $0.query.split(separator: "\n").map { String($0) + "\n" })
            },
            // Without `layoutVersion` the page renders but cannot be edited in the canvas.
            pages: [
                .init(
                    name: "governance", displayName: "DXR classifications", pageType: "PAGE_TYPE_CANVAS",
                    layoutVersion: "GRID_V1", layout: widgets)
            ])
    }

    private typealias Position = (x: Int, y: Int)
    private typealias Placement = LakeviewDashboard.Placement
    private typealias FieldEncoding = LakeviewDashboard.FieldEncoding

    /// A widget that reads `fields` of `dataset` and draws `spec`, placed on the grid.
    private static func widget(
        _ name: String, dataset: String, fields: [(name: String, expression: String)], disaggregated: Bool,
        spec: LakeviewDashboard.Spec, at position: Position, width: Int, height: Int
    ) -> Placement {
        let query = LakeviewDashboard.Query(
            datasetName: dataset, fields: fields.map { .init(name: $0.name, expression: $0.expression) },
            disaggregated: disaggregated)
        return Placement(
            widget: .init(name: name, queries: [.init(name: "main_query", query: query)], spec: spec),
            position: .init(x: position.x, y: position.y, width: width, height: height))
    }

    private static func counter(_ name: String, dataset: String, field: String, title: String, at position: Position)
        -> Placement
    {
        widget(
            name, dataset: dataset, fields: [(field, "`\(field)`")], disaggregated: true,
            spec: .init(
                version: 2, widgetType: "counter",
                encodings: .init(value: FieldEncoding(fieldName: field, displayName: title)),
                frame: .init(title: title)),
            at: position, width: 4, height: 2)
    }

    private static func chart(
        _ type: String, _ name: String, dataset: String, x: String, xScale: String, y: String, title: String,
        at position: Position
    ) -> Placement {
        let total = "sum(\(y))"
        return widget(
            name, dataset: dataset, fields: [(x, "`\(x)`"), (total, "SUM(`\(y)`)")], disaggregated: false,
            spec: .init(
                version: 3, widgetType: type,
                encodings: .init(
                    x: FieldEncoding(fieldName: x, scale: .init(type: xScale), displayName: x),
                    y: FieldEncoding(fieldName: total, scale: .init(type: "quantitative"), displayName: y)),
                frame: .init(title: title)),
            at: position, width: 6, height: 6)
    }

    private static func bar(
        _ name: String, dataset: String, x: String, y: String, title: String, at position: Position
    ) -> Placement {
        chart("bar", name, dataset: dataset, x: x, xScale: "categorical", y: y, title: title, at: position)
    }

    private static func line(
        _ name: String, dataset: String, x: String, y: String, title: String, at position: Position
    ) -> Placement {
        chart("line", name, dataset: dataset, x: x, xScale: "temporal", y: y, title: title, at: position)
    }

    private static func table(
        _ name: String, dataset: String, columns: [String], title: String, at position: Position, width: Int
    ) -> Placement {
        widget(
            name, dataset: dataset, fields: columns.map { ($0, "`\($0)`") }, disaggregated: true,
            spec: .init(
                version: 2, widgetType: "table",
                encodings: .init(columns: columns.map { FieldEncoding(fieldName: $0, displayName: $0) }),
                frame: .init(title: title)),
            at: position, width: width, height: 6)
    }
}
