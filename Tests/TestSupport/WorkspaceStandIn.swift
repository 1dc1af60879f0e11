import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The Databricks workspace stand-in (`Tests/DatabricksWorkspace/workspace_server.py`) running
/// as a child process on an ephemeral loopback port; stopped when released, and also when the
/// test process ends (it exits when its standard input closes).
public final class WorkspaceStandIn: @unchecked Sendable {
    /// `http://127.0.0.1:<port>`.
    public let url: String
    /// The token clients must send.
    public let token: String
    /// The folder of the SQL warehouse's Delta tables (`<catalog>/<schema>/<table>`), if it serves SQL.
    public let warehouseRoot: String?
    /// The warehouse id it accepts.
    public static let warehouseID = "stand-in-warehouse"
    /// One JSON line per statement: `kind`, `state`, `statement`, `parameter_bytes`.
    public let statementLog: String?
    private let process: Process
    private let input = Pipe()

    /// Whether statements are also checked by Spark's parser and analyzer (`DXRSYNC_STRICT_SQL=1`, set by `.ci/run`).
    public static var strictSQL: Bool { ProcessInfo.processInfo.environment["DXRSYNC_STRICT_SQL"] == "1" }

    /// The folder holding the stand-in's scripts.
    public static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DatabricksWorkspace")

    /// Starts the server over `root` (a folder holding `<catalog>/<schema>/<volume>/…`).
    public init(
        root: String, token: String, clientID: String? = nil, clientSecret: String? = nil,
        secrets: [String: String] = [:],
        pageSize: Int = 1000, failListing: [String] = [], warehouseRoot: String? = nil, chunkRows: Int = 10_000
    ) throws {
        let script = Self.scripts.appendingPathComponent("workspace_server.py").path
        var arguments = [
            script, "--root", root, "--token", token, "--page-size", String(pageSize), "--exit-with-stdin",
        ]
        self.token = token
        self.warehouseRoot = warehouseRoot
        if let warehouseRoot {
            let log = warehouseRoot + "/statements.jsonl"
            statementLog = log
            arguments += [
                "--warehouse-root", warehouseRoot, "--warehouse-id", Self.warehouseID, "--statement-log", log,
                "--chunk-rows", String(chunkRows),
            ]
            if Self.strictSQL { arguments.append("--strict") }
        } else {
            statementLog = nil
        }
        if let clientID, let clientSecret { arguments += ["--client-id", clientID, "--client-secret", clientSecret] }
        for (reference, value) in secrets.sorted(by: { $0.key < $1.key }) {
            arguments += ["--secret", "\(reference)=\(value)"]
        }
        for folder in failListing { arguments += ["--fail-listing", folder] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = ProcessRunner.firstLine(of: output)
        guard let found = text.split(whereSeparator: \.isWhitespace).first(where: { $0.hasPrefix("http://") }) else {
            kill(process.processIdentifier, SIGKILL)
            throw StandInError(description: "the workspace stand-in did not start: \(text)")
        }
        url = String(found)
    }

    /// Creates `catalog.schema` in the warehouse, as a Unity Catalog administrator would.
    public func createSchema(catalog: String, schema: String) throws {
        guard let warehouseRoot else { throw StandInError(description: "this stand-in serves no SQL warehouse") }
        try FileManager.default.createDirectory(
            atPath: "\(warehouseRoot)/\(catalog)/\(schema)", withIntermediateDirectories: true)
    }

    /// The statements logged so far whose text contains `text`, as (kind, state) pairs.
    public func statements(containing text: String) throws -> [(kind: String, state: String)] {
        guard let statementLog, FileManager.default.fileExists(atPath: statementLog) else { return [] }
        let lines = try String(contentsOfFile: statementLog, encoding: .utf8).split(separator: "\n")
        return lines.compactMap { line in
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let statement = entry["statement"] as? String, statement.contains(text)
            else { return nil }
            return ((entry["kind"] as? String) ?? "", (entry["state"] as? String) ?? "")
        }
    }

    /// Reads a Delta table with delta-rs: its column names in order and its rows.
    public func readTable(catalog: String, schema: String, table: String) throws -> DeltaTableContents {
        guard let warehouseRoot else { throw StandInError(description: "this stand-in serves no SQL warehouse") }
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            [
                "python3", Self.scripts.appendingPathComponent("read_delta_table.py").path,
                "\(warehouseRoot)/\(catalog)/\(schema)/\(table)",
            ])
        guard result.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
            let columns = object["columns"] as? [String], let rows = object["rows"] as? [[String: Any]]
        else {
            throw StandInError(description: "cannot read the Delta table \(table): \(result.standardError)")
        }
        return DeltaTableContents(columns: columns, rows: rows)
    }

    deinit {
        // SIGKILL: a SIGTERM may be ignored when the test runner was started with it ignored.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// The stand-in could not start.
public struct StandInError: Error, CustomStringConvertible {
    public var description: String
}

/// A Delta table as delta-rs read it: timestamps as ISO-8601 text, arrays as arrays.
public struct DeltaTableContents: @unchecked Sendable {
    public var columns: [String]
    public var rows: [[String: Any]]

    /// The rows keyed by the text of `column`.
    public func rows(by column: String) -> [String: [String: Any]] {
        Dictionary(
            rows.compactMap { row in (row[column] as? String).map { ($0, row) } }, uniquingKeysWith: { a, _ in a })
    }
}
