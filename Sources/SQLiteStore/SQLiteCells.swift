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

    /// Read through GRDB's column fast path (`sqlite3_column_text`, which also renders numbers
    /// as text): the reconciliation reads several text cells of every row.
    func text(at position: Int) -> String? { row[position] as String? }

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
