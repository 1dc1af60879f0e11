import Foundation
import GRDB
import Logging
import SQLiteStore
import SyncCore

/// `seed`: fills a SQLite metadata table with one classified row per file of the tree (or of a
/// real folder, `--local ROOT`), as a sync that classified every file under DXR's present rules
/// leaves it: the rules' fingerprint is asked of the DXR given. The next sync is then a no-op, and
/// ten million rows are written in a minute or two instead of classified through HTTP.
enum SeedCommand {
    /// Rows per write transaction.
    static let transactionRows = 100_000

    static func run(_ arguments: Arguments, logger: Logger) async throws {
        let options = try StoreOptions(arguments)
        guard let path = options.sqlitePath else { throw UsageError("seed writes a SQLite table: give --sqlite") }
        let fingerprint = try await DXROptions(arguments).withClassifier(logger: logger) {
            try await $0.fingerprint()
        }
        try await SQLiteMetadataStore(path: path, table: options.table).prepare()
        let files: (count: Int, file: (Int) -> VolumeFile)
        if let root = arguments.optional("local") {
            let listed = try await LocalVolumeSource(root: root).list().files
            files = (listed.count, { listed[$0] })
        } else {
            let tree = try SyntheticTree(arguments)
            files = (tree.count, tree.file)
        }
        let rows = SeedRows(scope: options.scope, fingerprint: fingerprint)
        let database = try DatabaseQueue(path: path)
        let insert =
            "INSERT INTO \"\(options.table)\" (\(MetadataSchema.columns.map { "\"\($0.name)\"" }.joined(separator: ", "))) "
            + "VALUES (\(MetadataSchema.columns.map { _ in "?" }.joined(separator: ", ")))"
        let start = ContinuousClock.now
        for first in stride(from: 0, to: files.count, by: transactionRows) {
            let records = (first..<min(first + transactionRows, files.count)).map {
                rows.record(for: files.file($0), number: $0)
            }
            try await database.write { db in
                let statement = try db.cachedStatement(sql: insert)
                for record in records { try statement.execute(arguments: StatementArguments(record.sqliteValues)) }
            }
        }
        print(#"{"rows": \#(files.count), "seconds": \#((ContinuousClock.now - start).seconds)}"#)
    }
}

/// The row a sync writes for a file it classified: every third file labelled, all under the rules
/// `fingerprint` names.
struct SeedRows {
    let scope: VolumeScope
    let fingerprint: String?
    let now = Date(timeIntervalSince1970: 1_764_000_000)

    func record(for file: VolumeFile, number: Int) -> FileRecord {
        let labelled = number % 3 == 0
        return FileRecord(
            filePath: scope.filePath(relativePath: file.relativePath), relativePath: file.relativePath,
            catalogName: scope.catalog, schemaName: scope.schema, volumeName: scope.volume, fileSize: file.size,
            modificationTime: file.modified.seconds, datasourceID: "\(number % 4 + 1)",
            datasourceScanID: Int64(number / 500), jobID: "job-\(number / 500)",
            labels: labelled ? ["PII"] : [], tags: labelled ? ["101"] : [], categories: ["HR"],
            rawMetadata: #"{"dxr#file_name":"file","ai#category":["HR"]}"#, collectedAt: now, status: .classified,
            attempts: 1, dxrFileID: "f-\(number)", sha256: String(repeating: "a", count: 64), mimeType: "text/plain",
            annotators: labelled ? ["Email"] : [], firstSeenAt: now, runID: "seed", lastAttemptAt: now,
            coverage: labelled ? .withFindings : .noFindings, classifierFingerprint: fingerprint)
    }
}

extension FileRecord {
    /// The row's cells as SQLite stores them: arrays as JSON text, timestamps as ISO-8601 text.
    fileprivate var sqliteValues: [(any DatabaseValueConvertible)?] {
        columnValues.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .text(let text): text
            case .integer(let number): number
            case .strings(let strings): StringListJSON.text(strings)
            case .timestamp(let date): date.map(Timestamps.text)
            }
        }
    }
}
