import Foundation
import GRDB
import SyncCore

/// A SQLite row as ``StoredCells``, and records as SQLite values. Cells are read by position, and
/// integers straight from SQLite's integer storage: an incremental run reads every row of the
/// volume this way. Values of another storage class (an older table that stored integers as
/// text) are read as text and parsed.
struct SQLiteCells: StoredCells {
    let row: Row

    init(_ row: Row) { self.row = row }

    /// Read through GRDB's column fast path first (`sqlite3_column_text`, for rows a cursor is on):
    /// the reconciliation reads several text cells of every row. A copied row decodes only text
    /// that way, so a number in a text column (a table made elsewhere) is rendered by hand.
    func text(at position: Int) -> String? {
        if let text = try? row.decode(String?.self, atIndex: position) { return text }
        let value: DatabaseValue = row[position]
        switch value.storage {
        case .null: return nil
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let string): return string
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        }
    }

    func integer(at position: Int) -> Int64? {
        let value: DatabaseValue = row[position]
        switch value.storage {
        case .int64(let number): return number
        case .double(let number): return Int64(exactly: number.rounded())
        case .string(let string):
            let text = string.trimmingBlanks()
            return Int64(text) ?? Double(text).flatMap { Int64(exactly: $0.rounded()) }
        default: return nil
        }
    }

    /// The cells of `values` as SQLite values: arrays as JSON text, timestamps as ISO-8601 text.
    static func values(_ values: [ColumnValue]) -> [(any DatabaseValueConvertible)?] {
        values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .text(let text): text
            case .integer(let number): number
            case .strings(let strings): StringListJSON.text(strings)
            case .timestamp(let date): date.map(Timestamps.text)
            }
        }
    }
}
