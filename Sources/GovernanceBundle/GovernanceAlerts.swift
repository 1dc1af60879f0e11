import SyncCore

/// The SQL alerts the bundle deploys over one metadata table: the latest run failed, files gained
/// a label in the latest run, and the share of files DXR classified fell below a floor. Each is a
/// query returning one number and the comparison that triggers it.
package struct GovernanceAlerts: Sendable {
    package struct Alert: Sendable, Hashable {
        /// The resource key in the bundle.
        package var key: String
        package var title: String
        package var query: String
        /// The column the alert compares.
        package var column: String
        /// `GREATER_THAN` or `LESS_THAN`.
        package var comparison: String
        package var threshold: Threshold
    }

    /// What an alert compares its column with: a number, or a bundle variable (`${var.name}`) that
    /// the deployment sets.
    package enum Threshold: Sendable, Hashable {
        case number(Double)
        case variable(String)
    }

    package let alerts: [Alert]

    package init(configuration: MetadataConfiguration) {
        let name = configuration.viewSQLName
        let ledger = configuration.sqlName(configuration.ledgerTable)
        let latestRun = "SELECT max_by(r.run_id, r.started_at) FROM \(ledger) AS r WHERE r.finished_at IS NOT NULL"
        alerts = [
            Alert(
                key: "run_failed", title: "the latest run of \(configuration.qualifiedName) did not succeed",
                query: """
                    SELECT coalesce(max_by(r.exit_code, r.started_at), 0) AS latest_exit_code
                    FROM \(ledger) AS r WHERE r.finished_at IS NOT NULL
                    """, column: "latest_exit_code", comparison: "GREATER_THAN", threshold: .number(0)),
            Alert(
                key: "new_findings", title: "files in \(configuration.qualifiedName) gained a label in the latest run",
                query: """
                    SELECT count(DISTINCT c.file_path) AS files_newly_labelled FROM \(name("label_changes")) AS c
                    WHERE c.change = 'ADDED' AND c.run_id = (\(latestRun))
                    """, column: "files_newly_labelled", comparison: "GREATER_THAN", threshold: .number(0)),
            Alert(
                key: "coverage_drop",
                title: "less of \(configuration.qualifiedName) is classified than alert_min_percent_classified",
                query: """
                    SELECT coalesce(round(100 * sum(CASE WHEN c.coverage IN ('CLASSIFIED_WITH_FINDINGS',
                      'CLASSIFIED_NO_FINDINGS') THEN c.files ELSE 0 END) / sum(c.files), 1), 100) AS percent_classified
                    FROM \(name("coverage")) AS c
                    """, column: "percent_classified", comparison: "LESS_THAN",
                threshold: .variable("alert_min_percent_classified")),
        ]
    }
}
