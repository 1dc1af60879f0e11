/// The rules every view of the inventory shares, written once over a ``ReportDialect``: the
/// report of both stores and the governance views use them.
package enum ReportRules {
    /// The coverage class of row `row`: the one recorded, or for rows from before coverage was
    /// recorded one derived from the status and the labels; rows the playbook wrote (no status)
    /// are `NOT_EVALUATED`. Not evaluated is never clean.
    package static func coverage(_ dialect: any ReportDialect, row: String = "t") -> SQLFragment {
        let status = dialect.column(row, "status")
        return """
            coalesce(\(dialect.column(row, "coverage")), CASE WHEN \(status) IS NULL THEN 'NOT_EVALUATED' \
            WHEN \(status) = 'SKIPPED' THEN 'SKIPPED' WHEN \(status) = 'FAILED' THEN 'FAILED' \
            WHEN \(dialect.count(ofArray: dialect.column(row, "labels"))) > 0 THEN 'CLASSIFIED_WITH_FINDINGS' \
            ELSE 'CLASSIFIED_NO_FINDINGS' END)
            """
    }

    /// `labelled AS (…)`: one row per file and label DXR gave it (file_path, sha256, file_size,
    /// removed: the labels DXR lists as removed by a person, label), over the rows of `table`
    /// (aliased `t`) that meet `rows`.
    package static func labelled(_ dialect: any ReportDialect, table: SQLFragment, rows: SQLFragment) -> SQLFragment {
        let t = { dialect.column("t", $0) }
        return """
            labelled AS (
              SELECT \(t("file_path")) AS file_path, \(t("sha256")) AS sha256, \(t("file_size")) AS file_size,
              \(t("dxr_removed_labels")) AS removed, e.value AS label
              FROM \(table) AS t\(dialect.expanding(t("labels"), as: "e")) WHERE \(rows)
            )
            """
    }

    /// Whether review `review` takes label `labelled.label` away from the file `labelled` (a row of
    /// ``labelled(_:table:rows:)``): a false positive for that path or for the same content, not
    /// expired at `now`.
    package static func falsePositive(
        _ dialect: any ReportDialect, review: String, labelled: String, now: SQLFragment
    ) -> SQLFragment {
        let r = { dialect.column(review, $0) }
        let l = { SQLFragment(sql: labelled + "." + $0) }
        return """
            \(r("label")) = \(l("label")) AND (\(r("file_path")) = \(l("file_path")) OR \(r("sha256")) = \(l("sha256"))) \
            AND \(r("verdict")) = 'FALSE_POSITIVE' AND (\(r("expires_at")) IS NULL OR \(r("expires_at")) > \(now))
            """
    }

    /// Whether DXR lists label `labelled.label` as removed by a person from the file `labelled`.
    package static func removedInDXR(_ dialect: any ReportDialect, labelled: String) -> SQLFragment {
        dialect.contains(SQLFragment(sql: labelled + ".removed"), SQLFragment(sql: labelled + ".label"))
    }

    /// Three common table expressions over the rows of `table` (aliased `t`) that meet `rows`:
    /// `labelled`, `reviewed` (the labels taken away: ``falsePositive(_:review:labelled:now:)``
    /// judged at `now`, or ``removedInDXR(_:labelled:)``) and `effective` (file_path, label,
    /// file_size: what is left). Start a statement with `WITH` and this.
    package static func effectiveLabels(
        _ dialect: any ReportDialect, table: SQLFragment, reviews: SQLFragment, rows: SQLFragment, now: SQLFragment
    ) -> SQLFragment {
        """
        \(labelled(dialect, table: table, rows: rows)), reviewed AS (
          SELECT l.file_path, l.label FROM labelled AS l JOIN \(reviews) AS r
          ON \(falsePositive(dialect, review: "r", labelled: "l", now: now))
          UNION
          SELECT l.file_path, l.label FROM labelled AS l WHERE \(removedInDXR(dialect, labelled: "l"))
        ), effective AS (
          SELECT l.file_path, l.label, l.file_size FROM labelled AS l
          WHERE NOT EXISTS (SELECT 1 FROM reviewed AS v WHERE v.file_path = l.file_path AND v.label = l.label)
        )
        """
    }
}
