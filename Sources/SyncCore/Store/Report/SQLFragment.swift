import Foundation

/// A value bound into a statement: it never becomes SQL text.
package enum SQLValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    /// A point in time: ISO-8601 text in SQLite, a `TIMESTAMP` parameter in Databricks SQL.
    case timestamp(Date)
}

/// A piece of SQL with its values bound where they are written, in the manner of GRDB's `SQL`
/// interpolation: `"t.file_path >= \(bind: .text(prefix))"` keeps the value out of the text, and
/// fragments nest with their values in order. A store renders it with its own placeholders
/// (`?`, or `:p0`, `:p1`, …), so no value is ever spliced into SQL and no positional `?` has to be
/// lined up by hand.
package struct SQLFragment: Sendable, Hashable, ExpressibleByStringInterpolation {
    package enum Piece: Sendable, Hashable {
        case sql(String)
        case value(SQLValue)
    }

    package private(set) var pieces: [Piece]

    package init(stringLiteral text: String) { pieces = [.sql(text)] }

    package init(stringInterpolation: StringInterpolation) { pieces = stringInterpolation.pieces }

    /// SQL text the program wrote itself (an identifier quoted by the dialect, a keyword), never
    /// a value from outside.
    package init(sql text: String) { pieces = [.sql(text)] }

    package struct StringInterpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        package init(literalCapacity: Int, interpolationCount: Int) {}

        package mutating func appendLiteral(_ text: String) { pieces.append(.sql(text)) }

        package mutating func appendInterpolation(_ fragment: SQLFragment) { pieces += fragment.pieces }

        package mutating func appendInterpolation(bind value: SQLValue) { pieces.append(.value(value)) }

        /// A whole number the program computed (a limit, a position), written as a literal.
        package mutating func appendInterpolation(literal number: Int) { pieces.append(.sql(String(number))) }
    }

    /// One fragment after the other.
    package static func + (lhs: SQLFragment, rhs: SQLFragment) -> SQLFragment {
        var result = lhs
        result.pieces += rhs.pieces
        return result
    }

    /// The fragments joined by `separator`.
    package static func joined(_ fragments: [SQLFragment], separator: String) -> SQLFragment {
        var result = SQLFragment(sql: "")
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { result.pieces.append(.sql(separator)) }
            result.pieces += fragment.pieces
        }
        return result
    }

    /// The text of a fragment that binds no value: what goes where no parameter can (a view's
    /// query, a file). Binding a value into it is a programming error.
    package var text: String {
        rendered { _ in preconditionFailure("a value was bound into SQL that takes no parameters: \(self)") }.sql
    }

    /// The text with each value replaced by `placeholder(position)`, and the values in order.
    package func rendered(placeholder: (Int) -> String) -> (sql: String, values: [SQLValue]) {
        var sql = ""
        var values: [SQLValue] = []
        for piece in pieces {
            switch piece {
            case .sql(let text): sql += text
            case .value(let value):
                sql += placeholder(values.count)
                values.append(value)
            }
        }
        return (sql, values)
    }
}
