import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The Databricks workspace stand-in (`Tests/DatabricksWorkspace/workspace_server.py`) running
/// as a child process on an ephemeral loopback port; stopped when released, and also when the
/// test process ends (it exits when its standard input closes).
package final class WorkspaceStandIn: Sendable {
    /// `http://127.0.0.1:<port>`.
    package let url: String
    /// The token clients must send.
    package let token: String
    /// The folder of the SQL warehouse's Delta tables (`<catalog>/<schema>/<table>`), if it serves SQL.
    package let warehouseRoot: String?
    /// The warehouse id it accepts.
    package static let warehouseID = "stand-in-warehouse"
    /// One JSON line per statement: `kind`, `state`, `statement`, `parameter_bytes`, and for one that
    /// scanned a table `files_read` and `files_skipped`.
    package let statementLog: String?
    private let server: ChildServer

    /// The folder holding the stand-in's scripts.
    package static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DatabricksWorkspace")

    /// Starts the server over `root` (a folder holding `<catalog>/<schema>/<volume>/…`), whose
    /// folders are also the Unity Catalog schemas and volumes it lists; the caller lacks READ VOLUME
    /// on `unreadableVolumes` (`catalog.schema.volume`).
    package init(
        root: String, token: String, clientID: String? = nil, clientSecret: String? = nil,
        secrets: [String: String] = [:],
        pageSize: Int = 1000, failListing: [String] = [], warehouseRoot: String? = nil, chunkRows: Int = 10_000,
        refuseRESTSecrets: Bool = false, denyApplyTag: Bool = false, warehouseState: String = "RUNNING",
        unreadableVolumes: [String] = []
    ) throws {
        let script = Self.scripts.appendingPathComponent("workspace_server.py").path
        var arguments = [
            try StandInPython.executable(), script, "--root", root, "--token", token, "--page-size", String(pageSize),
            "--exit-with-stdin",
        ]
        self.token = token
        self.warehouseRoot = warehouseRoot
        if let warehouseRoot {
            let log = warehouseRoot + "/statements.jsonl"
            statementLog = log
            arguments += [
                "--warehouse-root", warehouseRoot, "--warehouse-id", Self.warehouseID, "--statement-log", log,
                "--chunk-rows", String(chunkRows), "--warehouse-state", warehouseState,
            ]
            if let socket = try SparkCheckService.socket() { arguments += ["--strict-socket", socket] }
        } else {
            statementLog = nil
        }
        if let clientID, let clientSecret { arguments += ["--client-id", clientID, "--client-secret", clientSecret] }
        for (reference, value) in secrets.sorted(by: { $0.key < $1.key }) {
            arguments += ["--secret", "\(reference)=\(value)"]
        }
        for folder in failListing { arguments += ["--fail-listing", folder] }
        for volume in unreadableVolumes { arguments += ["--no-read-volume", volume] }
        if refuseRESTSecrets { arguments.append("--refuse-rest-secrets") }
        if denyApplyTag { arguments.append("--deny-apply-tag") }
        server = try ChildServer(arguments, name: "workspace stand-in")
        url = server.url
    }

    /// Creates `catalog.schema` in the warehouse, as a Unity Catalog administrator would.
    package func createSchema(catalog: String, schema: String) throws {
        guard let warehouseRoot else { throw StandInError(description: "this stand-in serves no SQL warehouse") }
        try FileManager.default.createDirectory(
            atPath: "\(warehouseRoot)/\(catalog)/\(schema)", withIntermediateDirectories: true)
    }

    /// The statements logged so far whose text contains `text`, as (kind, state) pairs.
    package func statements(containing text: String) throws -> [(kind: String, state: String)] {
        try loggedStatements(containing: text).map { (($0["kind"] as? String) ?? "", ($0["state"] as? String) ?? "") }
    }

    private func loggedStatements(containing text: String) throws -> [[String: Any]] {
        try Self.loggedStatements(in: statementLog, containing: text)
    }

    /// The entries of a statement log (JSON lines) whose statement contains `text`.
    static func loggedStatements(in statementLog: String?, containing text: String) throws -> [[String: Any]] {
        guard let statementLog, FileManager.default.fileExists(atPath: statementLog) else { return [] }
        let lines = try String(contentsOfFile: statementLog, encoding: .utf8).split(separator: "\n")
        return lines.compactMap { line in
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let statement = entry["statement"] as? String, statement.contains(text)
            else { return nil }
            return entry
        }
    }

    /// The data files each statement logged so far whose text contains `text` would read and skip on
    /// Databricks (the stand-in's count by Delta's data skipping, `data_skipping.py`), for the
    /// statements that scanned a table.
    package func scans(containing text: String) throws -> [(read: Int, skipped: Int)] {
        try Self.scans(in: statementLog, containing: text)
    }

    /// The `files_read` and `files_skipped` of the entries of a statement log whose statement
    /// contains `text`, for those that scanned a table.
    static func scans(in statementLog: String?, containing text: String) throws -> [(read: Int, skipped: Int)] {
        try loggedStatements(in: statementLog, containing: text).compactMap { entry in
            guard let read = entry["files_read"] as? Int, let skipped = entry["files_skipped"] as? Int else {
                return nil
            }
            return (read, skipped)
        }
    }

    /// The messages of the failed statements logged so far whose text contains `text`.
    package func failures(containing text: String) throws -> [String] {
        try loggedStatements(containing: text).compactMap { $0["message"] as? String }
    }

    /// Arms the SQL warehouse's faults for the statements containing the given texts: the next
    /// `failMerges[text]` MERGEs fail with a concurrent-write conflict (0 disarms); `slow` ones
    /// answer PENDING, then RUNNING, before their result; the next `expiredLinks[text]`
    /// `EXTERNAL_LINKS` links handed out have already expired (0 disarms).
    package func armFaults(
        failMerges: [String: Int] = [:], slow: [String] = [], expiredLinks: [String: Int] = [:]
    ) async throws {
        var request = URLRequest(url: URL(string: url + "/stand-in/faults")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = try JSONSerialization.data(withJSONObject: [
            "fail_merges": failMerges, "slow": slow, "expired_links": expiredLinks,
        ])
        let (_, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw StandInError(description: "the stand-in refused the faults")
        }
    }

    /// The Unity Catalog tags of a volume (set with `ALTER VOLUME … SET TAGS`).
    package func volumeTags(catalog: String, schema: String, volume: String) throws -> [String: String] {
        guard let warehouseRoot else { throw StandInError(description: "this stand-in serves no SQL warehouse") }
        let path = "\(warehouseRoot)/\(catalog)/\(schema)/\(volume).volume-tags.json"
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        return try JSONDecoder().decode([String: String].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Reads a Delta table with delta-rs: its column names in order and its rows.
    package func readTable(catalog: String, schema: String, table: String) throws -> DeltaTableContents {
        guard let warehouseRoot else { throw StandInError(description: "this stand-in serves no SQL warehouse") }
        return try Self.readTable(at: "\(warehouseRoot)/\(catalog)/\(schema)/\(table)")
    }

    /// Appends `rows` rows to a table with delta-rs (`seed_table.py`): file paths `<pathPrefix><n>.txt`,
    /// in `dataFiles` commits of consecutive paths, one data file each.
    package func seed(
        catalog: String, schema: String, table: String, rows: Int, pathPrefix: String, dataFiles: Int = 1
    ) throws {
        guard let warehouseRoot else { throw StandInError(description: "this stand-in serves no SQL warehouse") }
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            [
                try StandInPython.executable(), Self.scripts.appendingPathComponent("seed_table.py").path,
                "\(warehouseRoot)/\(catalog)/\(schema)/\(table)", String(rows), pathPrefix, String(dataFiles),
            ])
        guard result.status == 0 else {
            throw StandInError(description: "cannot seed the Delta table \(table): \(result.standardError)")
        }
    }

    /// Reads the Delta table in `folder` with delta-rs.
    package static func readTable(at folder: String) throws -> DeltaTableContents {
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            [try StandInPython.executable(), scripts.appendingPathComponent("read_delta_table.py").path, folder])
        guard result.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
            let columns = object["columns"] as? [String], let rows = object["rows"] as? [[String: Any]]
        else {
            throw StandInError(description: "cannot read the Delta table \(folder): \(result.standardError)")
        }
        return DeltaTableContents(columns: columns, rows: rows)
    }
}

/// The stand-in could not start.
package struct StandInError: Error, CustomStringConvertible {
    package var description: String
}

/// A Delta table as delta-rs read it: timestamps as ISO-8601 text, arrays as arrays.
package struct DeltaTableContents: @unchecked Sendable {
    package var columns: [String]
    package var rows: [[String: Any]]

    /// The rows keyed by the text of `column`.
    package func rows(by column: String) -> [String: [String: Any]] {
        Dictionary(
            rows.compactMap { row in (row[column] as? String).map { ($0, row) } }, uniquingKeysWith: { a, _ in a })
    }
}
