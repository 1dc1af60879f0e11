/// Where the report's SQL differs between SQLite and Databricks SQL: everything else in
/// ``ReportQueries`` and ``ReportRules`` is written once.
package protocol ReportDialect: Sendable {
    /// An identifier (a column), quoted.
    func quoted(_ identifier: String) -> String
    /// A join, written right after `FROM <table> AS <row>`, that gives one row per value of the
    /// array column `array`, named `<alias>.value`. A row whose array is empty or null gives none.
    func expanding(_ array: SQLFragment, as alias: String) -> SQLFragment
    /// Whether the array `array` holds `value` (false for a null array).
    func contains(_ array: SQLFragment, _ value: SQLFragment) -> SQLFragment
    /// How many elements the array has (0 for a null or invalid array).
    func count(ofArray array: SQLFragment) -> SQLFragment
    /// The folder part of a relative path: the text before its last `/` (with or without that
    /// `/`; ``ReportQueries`` trims it), empty for a file at the root.
    func folder(of path: SQLFragment) -> SQLFragment
    /// An aggregate of `value` over the group as JSON array text (any order).
    func collected(_ value: SQLFragment) -> SQLFragment
}

extension ReportDialect {
    /// `alias.column`, the column quoted.
    package func column(_ alias: String, _ name: String) -> SQLFragment { SQLFragment(sql: alias + "." + quoted(name)) }
}

/// Runs the report's statements on a store: each row's cells as text or null (numbers as their
/// decimal text, arrays as JSON), as the Statement Execution API's `JSON_ARRAY` gives them.
package protocol ReportStatementRunner: Sendable {
    var dialect: any ReportDialect { get }
    /// The rows of each statement, in order, all read from one snapshot where the store has one.
    func rows(of statements: [SQLFragment]) async throws -> [[[String?]]]
}
