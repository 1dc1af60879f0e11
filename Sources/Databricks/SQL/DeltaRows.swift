import Foundation
import SyncCore

/// Rows as the JSON objects `from_json` reads: keys are column names, timestamps ISO-8601 UTC
/// with an explicit `Z`, NULLs left out.
enum DeltaRows {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A row as an object keyed by column name; NULLs are left out.
    struct Row: Encodable {
        let columns: [MetadataSchema.Column]
        let values: [ColumnValue]

        init(columns: [MetadataSchema.Column], values: [ColumnValue]) {
            self.columns = columns
            self.values = values
        }

        init(_ record: FileRecord) { self.init(columns: MetadataSchema.columns, values: record.columnValues) }

        init(_ run: RunRecord) { self.init(columns: MetadataSchema.ledgerColumns, values: run.columnValues) }

        /// The `path_key` of the row's `file_path` (``MetadataSchema/pathKey(of:)``).
        var pathKey: String {
            guard let index = columns.firstIndex(where: { $0.name == "file_path" }),
                case .text(let path?) = values[index]
            else { return "" }
            return MetadataSchema.pathKey(of: path)
        }

        func encode(to encoder: any Encoder) throws {
            var row = encoder.container(keyedBy: Key.self)
            for (column, value) in zip(columns, values) {
                let key = Key(stringValue: column.name)
                switch value {
                case .text(let text): try row.encodeIfPresent(text, forKey: key)
                case .integer(let number): try row.encodeIfPresent(number, forKey: key)
                case .strings(let strings): try row.encode(strings, forKey: key)
                case .timestamp(let date): try row.encodeIfPresent(date.map(Timestamps.text), forKey: key)
                }
            }
        }
    }

    struct TombstoneRow: Encodable {
        let filePath: String
        let deletedAt: String
        let runID: String
        let statusReason: String?

        enum CodingKeys: String, CodingKey {
            case filePath = "file_path"
            case deletedAt = "deleted_at"
            case runID = "run_id"
            case statusReason = "status_reason"
        }
    }
}
