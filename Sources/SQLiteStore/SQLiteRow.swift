import Foundation
import GRDB
import SyncCore

/// Converts records to and from SQLite rows, in the column order of ``MetadataSchema``.
enum SQLiteRow {
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

    /// The stored state from the columns `file_path, file_size, modification_time, status,
    /// attempts, first_seen_at, deleted_at`, in that order.
    static func state(_ row: Row) -> StoredFileState {
        StoredFileState(
            filePath: text(row[0]) ?? "", fileSize: integer(row[1]) ?? 0, modificationTime: integer(row[2]) ?? 0,
            status: FileStatus(rawValue: text(row[3]) ?? "") ?? .failed, attempts: Int(integer(row[4]) ?? 0),
            firstSeenAt: text(row[5]).flatMap(Timestamps.date), deletedAt: text(row[6]).flatMap(Timestamps.date))
    }

    /// A row read back through the tolerant text decoding both stores share.
    static func stored(_ row: Row) -> StoredRow { StoredRow { text(row, $0) } }

    /// A text column, whatever its storage class; `nil` for NULL.
    static func text(_ row: Row, _ column: String) -> String? {
        (row[column] as DatabaseValue?).flatMap(text)
    }

    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let string): string
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }

    /// An integer, also when an older table stored it as text or a real.
    static func integer(_ value: DatabaseValue) -> Int64? {
        switch value.storage {
        case .int64(let number): number
        case .double(let number): Int64(exactly: number.rounded())
        case .string(let string): Int64(string.trimmingBlanks())
        default: nil
        }
    }

}
