/// The rows of a finished statement, as the `JSON_ARRAY` format sends them: every value is text
/// (arrays as JSON text, timestamps as ISO-8601) or `nil` for SQL `NULL`.
package struct StatementResult: Sendable, Hashable {
    /// Column names, in order.
    package var columns: [String]
    package var rows: [[String?]]

    package init(columns: [String], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Each row as a lookup by column name.
    package var namedRows: [(String) -> String?] {
        let positions = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return rows.map { row in
            { name in positions[name].flatMap { $0 < row.count ? row[$0] : nil } }
        }
    }
}
