import Foundation
import SyncCore

/// What `OPTIMIZE` did to one table: its small data files compacted into fewer.
package struct OptimizedTable: Sendable, Hashable, Encodable {
    package var table: String
    package var filesRemoved: Int
    package var filesAdded: Int

    enum CodingKeys: String, CodingKey {
        case table
        case filesRemoved = "files_removed"
        case filesAdded = "files_added"
    }

    /// `main.hr.docs_metadata: 40 data files compacted into 3`.
    package var description: String {
        filesRemoved == 0
            ? "\(table): nothing to compact"
            : "\(table): \(filesRemoved) data files compacted into \(filesAdded)"
    }
}

extension DeltaMetadataStore {
    /// Compacts the table's and the label history's data files (`OPTIMIZE`; no row changes). Each
    /// sync's `MERGE`s leave small files, and every read of the stored state scans each of them
    /// once: fewer files, fewer to open. The result's `metrics` struct (`numFilesAdded`,
    /// `numFilesRemoved`, as https://docs.databricks.com/en/sql/language-manual/delta-optimize.html
    /// lists them) arrives as JSON text.
    package func optimize() async throws -> [OptimizedTable] {
        var results: [OptimizedTable] = []
        for (name, qualified) in [(configuration.table, table), (configuration.eventsTable, events)] {
            let result = try await executor.execute("OPTIMIZE \(qualified)")
            let metrics = result.rows.first?.last.flatMap { $0 }.flatMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            results.append(
                OptimizedTable(
                    table: "\(configuration.catalog).\(configuration.schema).\(name)",
                    filesRemoved: (metrics?["numFilesRemoved"] as? NSNumber)?.intValue ?? 0,
                    filesAdded: (metrics?["numFilesAdded"] as? NSNumber)?.intValue ?? 0))
        }
        return results
    }
}
