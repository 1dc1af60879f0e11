import Foundation

/// Databricks SQL, for the report and the governance views: arrays are `ARRAY<STRING>`, expanded with `explode`;
/// placeholders are named parameters (`:p0`, `:p1`, …).
package struct DatabricksSQLDialect: ReportDialect {
    package init() {}

    /// A back-quoted identifier, an embedded backtick doubled: the one quoting rule of every
    /// Databricks SQL statement and view dxrsync writes.
    package func quoted(_ identifier: String) -> String {
        "`" + identifier.replacingOccurrences(of: "`", with: "``") + "`"
    }

    package func expanding(_ array: SQLFragment, as alias: String) -> SQLFragment {
        " LATERAL VIEW explode(\(array)) \(SQLFragment(sql: alias)) AS value"
    }

    package func contains(_ array: SQLFragment, _ value: SQLFragment) -> SQLFragment {
        "coalesce(array_contains(\(array), \(value)), false)"
    }

    package func count(ofArray array: SQLFragment) -> SQLFragment { "coalesce(size(\(array)), 0)" }

    package func folder(of path: SQLFragment) -> SQLFragment { "regexp_extract(\(path), '^(.*)/', 1)" }

    package func collected(_ value: SQLFragment) -> SQLFragment { "to_json(collect_list(\(value)))" }
}
