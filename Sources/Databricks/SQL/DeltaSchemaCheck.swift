import Foundation
import SyncCore

/// Compares an existing table's columns (from `DESCRIBE TABLE`) with the ones dxrsync writes.
enum DeltaSchemaCheck {
    /// The expected columns the table lacks, in order. A column that exists with another type is
    /// an error naming it: the rows could not be written.
    static func missingColumns(
        table: String, existing: [(name: String, type: String)], expected: [MetadataSchema.Column]
    ) throws -> [MetadataSchema.Column] {
        let types = Dictionary(
            existing.map { ($0.name.lowercased(), $0.type) }, uniquingKeysWith: { first, _ in first })
        var missing: [MetadataSchema.Column] = []
        var mismatched: [String] = []
        for column in expected {
            guard let found = types[column.name.lowercased()] else {
                missing.append(column)
                continue
            }
            if normalized(found) != normalized(column.deltaType) {
                mismatched.append("\(column.name) is \(found.uppercased()), expected \(column.deltaType)")
            }
        }
        guard mismatched.isEmpty else {
            throw DeltaSchemaMismatch(table: table, problems: mismatched)
        }
        return missing
    }

    /// `array<string>` and `ARRAY< STRING >` compare equal; `INTEGER` is `INT`, `LONG` is `BIGINT`.
    static func normalized(_ type: String) -> String {
        type.uppercased().filter { !$0.isWhitespace }
            .replacingOccurrences(of: "INTEGER", with: "INT")
            .replacingOccurrences(of: "LONG", with: "BIGINT")
    }
}

/// An existing metadata table whose columns have types dxrsync cannot write.
/// Fixed by configuration, and found before any upload.
package struct DeltaSchemaMismatch: RunFailure, Sendable {
    package var table: String
    package var problems: [String]

    package var kind: FailureKind { .configuration }

    package var description: String {
        "the existing table \(table) has columns of the wrong type: \(problems.joined(separator: "; ")). "
            + "Point METADATA_TABLE at a new table, fix the columns, or set DXR_DROP_METADATA_TABLE=true "
            + "to drop and recreate it (its rows are lost)."
    }
}
