import Foundation
import GRDB
import SyncCore

extension SQLiteMetadataStore {
    /// What a run would find at `path`, read without creating or changing anything (`doctor`):
    /// the file and its table, or the folder a run creates them in. Throws
    /// ``SQLiteStoreProblem`` naming what stops a run.
    package static func inspect(path: String, table: String) throws -> String {
        let files = FileManager.default
        guard files.fileExists(atPath: path) else {
            var folder = (path as NSString).deletingLastPathComponent
            if folder.isEmpty { folder = "." }
            // The nearest folder that exists must take a new file (a run creates the ones below).
            while !files.fileExists(atPath: folder) { folder = (folder as NSString).deletingLastPathComponent }
            guard files.isWritableFile(atPath: folder) else {
                throw SQLiteStoreProblem(path: path, reason: "the folder \(folder) is not writable")
            }
            return "\(path) does not exist yet; a run creates it"
        }
        var configuration = Configuration()
        configuration.readonly = true
        let columns: [String]
        do {
            columns = try DatabaseQueue(path: path, configuration: configuration).read { db in
                try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted(table)))").compactMap { $0["name"] as String? }
            }
        } catch {
            throw SQLiteStoreProblem(path: path, reason: "it cannot be read as a SQLite database: \(error)")
        }
        guard !columns.isEmpty else { return "\(path) has no table \(table) yet; a run creates it" }
        guard columns.contains("file_path") else {
            throw SQLiteStoreProblem(
                path: path, reason: "its table \(table) has no file_path column: it is not a metadata table")
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw SQLiteStoreProblem(path: path, reason: "it is not writable")
        }
        let missing = MetadataSchema.columns.map(\.name).filter { !columns.contains($0) }
        return missing.isEmpty
            ? "table \(table) in \(path) has the columns dxrsync writes"
            : "table \(table) in \(path) exists; a run adds \(missing.count) columns"
    }
}

/// The SQLite file cannot take a run's rows: a configuration problem (`METADATA_SQLITE_PATH`).
package struct SQLiteStoreProblem: RunFailure, Sendable {
    package var path: String
    package var reason: String

    package var kind: FailureKind { .configuration }

    package var description: String {
        "the SQLite store \(path) (METADATA_SQLITE_PATH) cannot be used: \(reason)"
    }
}
