import Foundation
import NIOCore
import NIOPosix
import SyncCore

/// Runs statements with the job cluster's own Spark session: `run_dxrsync.py` (the Python task
/// that starts dxrsync on a cluster) listens on a Unix socket (`DXRSYNC_SPARK_SOCKET`) and runs
/// each statement with `spark.sql(text, args=parameters)`, the same SQL text the warehouse path
/// sends. No SQL warehouse, token or service principal is needed: the cluster's identity writes
/// the table, as in the playbook.
///
/// The channel speaks JSON lines, one connection per statement. Request:
/// `{"statement": "…", "parameters": [{"name", "value", "type"}]}`. Answer: `{"columns": […]}`,
/// then one JSON array of cells per row (the Statement Execution API's `JSON_ARRAY` cells: text
/// or `null`), then `{"done": {"rows": n}}`; or `{"error": {"error_class", "sql_state",
/// "message"}}` at any point. Rows stream in as Spark produces them (`toLocalIterator`, a
/// partition at a time): ``execute(_:parameters:)`` gathers them, ``stream(_:parameters:_:)`` hands
/// them over ``streamChunkRows`` at a time while the rest wait in the socket, so a large read is one
/// statement without holding its result. The same channel reads the DXR token with `dbutils`
/// (``secret(scope:key:)``).
package struct SparkBridge: StatementExecutor {
    /// The wrapper's socket.
    package let socketPath: String
    /// Rows handed over at a time by ``stream(_:parameters:_:)``.
    package var streamChunkRows = 10_000

    package init(socketPath: String) { self.socketPath = socketPath }

    package var description: String { "the job cluster's Spark session" }

    package func execute(_ statement: String, parameters: [SQLParameter]) async throws -> StatementResult {
        var rows: [[String?]] = []
        let columns = try await exchange(statement, parameters: parameters) { rows += $0.takeRows() }
        return StatementResult(columns: columns, rows: rows)
    }

    package func stream(
        _ statement: String, parameters: [SQLParameter], _ body: ([[String?]]) async throws -> Void
    ) async throws {
        let size = max(1, streamChunkRows)
        _ = try await exchange(statement, parameters: parameters) { reader in
            if reader.rows.count >= size || (reader.isDone && !reader.rows.isEmpty) {
                try await body(reader.takeRows())
            }
        }
    }

    /// Sends `statement` and reads its answer line by line, calling `each` with the reader after
    /// every line, until the statement is done; returns the result's column names.
    private func exchange(
        _ statement: String, parameters: [SQLParameter], _ each: (inout BridgeAnswerReader) async throws -> Void
    ) async throws -> [String] {
        let request = try JSONEncoder().encode(BridgeRequest(statement: statement, parameters: parameters))
        let summary = SQLWarehouse.summary(of: statement)
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await connect()
        } catch {
            throw StatementFailure(
                statement: summary, state: "UNREACHABLE", sqlState: nil, errorCode: "BRIDGE_UNAVAILABLE",
                message: unreachable(error) + "; METADATA_BACKEND=spark works only under run_dxrsync.py on a "
                    + "Databricks cluster")
        }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(Self.line(request))
            var reader = BridgeAnswerReader(statement: summary)
            var lines = JSONLines()
            for try await chunk in inbound {
                for answer in lines.feed(chunk) {
                    try reader.read(answer)
                    try await each(&reader)
                    if reader.isDone { return reader.columns ?? [] }
                }
            }
            throw StatementFailure(
                statement: summary, state: "FAILED", sqlState: nil, errorCode: "BRIDGE_CLOSED",
                message: "the Spark session of run_dxrsync.py closed the channel before the statement finished")
        }
    }

    /// Reads a Databricks secret with the job's `dbutils.secrets.get`, as the playbook read the DXR
    /// token: the wrapper answers `{"secret": {"scope", "key"}}` with `{"secret": value}` or an
    /// error line. The value never leaves this process's memory except in the requests it
    /// authenticates.
    package func secret(scope: String, key: String) async throws -> Secret {
        let request = try JSONEncoder().encode(["secret": ["scope": scope, "key": key]])
        let failure = { (reason: String) in BridgeSecretError(scope: scope, key: key, reason: reason) }
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await connect()
        } catch {
            throw failure(unreachable(error))
        }
        let answer: Data? = try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(Self.line(request))
            var lines = JSONLines()
            for try await chunk in inbound {
                if let first = lines.feed(chunk).first { return first }
            }
            return nil
        }
        guard let answer, let reply = try? JSONDecoder().decode(BridgeSecretAnswer.self, from: answer) else {
            throw failure("run_dxrsync.py gave no answer")
        }
        if let value = reply.secret { return Secret(value) }
        throw failure(
            reply.error.map { "\($0.errorClass ?? "error"): \($0.message ?? "no reason given")" } ?? "no value")
    }

    private func connect() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(
            unixDomainSocketPath: socketPath
        ) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    }

    private func unreachable(_ error: any Error) -> String {
        "cannot reach the Spark session of run_dxrsync.py at \(socketPath) (DXRSYNC_SPARK_SOCKET): \(error)"
    }

    private static func line(_ request: Data) -> ByteBuffer {
        var line = ByteBuffer(bytes: request)
        line.writeString("\n")
        return line
    }
}

/// The bridge's answer to a secret request.
private struct BridgeSecretAnswer: Decodable {
    var secret: String?
    var error: BridgeFailure?
}

/// The DXR token could not be read with `dbutils` through the wrapper: a configuration error
/// (exit 2) that names the scope and key, never a value.
package struct BridgeSecretError: RunFailure {
    package var scope: String
    package var key: String
    package var reason: String

    package var kind: FailureKind { .configuration }

    package var description: String {
        "cannot read the DXR token from secret scope '\(scope)', key '\(key)' with dbutils through run_dxrsync.py "
            + "(\(reason)); check DXR_SECRET_SCOPE and DXR_SECRET_KEY and that the job's identity may READ the scope"
    }
}

/// A statement as the bridge receives it.
struct BridgeRequest: Encodable {
    struct Parameter: Encodable {
        var name: String
        var value: String?
        var type: String
    }

    var statement: String
    var parameters: [Parameter]

    init(statement: String, parameters: [SQLParameter]) {
        self.statement = statement
        self.parameters = parameters.map { Parameter(name: $0.name, value: $0.value, type: $0.type) }
    }
}

/// The bridge's error line: Spark's error class and SQLSTATE when it has them.
struct BridgeFailure: Decodable {
    var errorClass: String?
    var sqlState: String?
    var message: String?

    enum CodingKeys: String, CodingKey {
        case errorClass = "error_class"
        case sqlState = "sql_state"
        case message
    }
}

/// Reads the bridge's answer lines: the column names, the rows, and the `done` line that ends a
/// statement; an error line becomes a ``StatementFailure``.
struct BridgeAnswerReader {
    let statement: String
    private(set) var columns: [String]?
    /// The rows read and not yet taken (``takeRows()``).
    private(set) var rows: [[String?]] = []
    /// Whether the `done` line came.
    private(set) var isDone = false
    private var received = 0

    init(statement: String) { self.statement = statement }

    private struct Control: Decodable {
        struct Done: Decodable { var rows: Int }

        var columns: [String]?
        var done: Done?
        var error: BridgeFailure?
    }

    /// Reads one line.
    mutating func read(_ line: Data) throws {
        if line.first == UInt8(ascii: "[") {
            rows.append(try JSONDecoder().decode([String?].self, from: line))
            received += 1
            return
        }
        let control = try JSONDecoder().decode(Control.self, from: line)
        if let failure = control.error {
            throw StatementFailure(
                statement: statement, state: "FAILED", sqlState: failure.sqlState, errorCode: failure.errorClass,
                message: failure.message ?? "the Spark session gave no reason")
        }
        if let names = control.columns { columns = names }
        guard let done = control.done else { return }
        guard done.rows == received else {
            throw StatementFailure(
                statement: statement, state: "FAILED", sqlState: nil, errorCode: "BRIDGE_TRUNCATED",
                message: "the Spark session announced \(done.rows) rows but sent \(received)")
        }
        isDone = true
    }

    /// The rows read since the last call.
    mutating func takeRows() -> [[String?]] {
        defer { rows = [] }
        return rows
    }
}

/// Splits a byte stream into lines.
struct JSONLines {
    private var pending = Data()

    mutating func feed(_ chunk: ByteBuffer) -> [Data] {
        pending.append(contentsOf: chunk.readableBytesView)
        var lines: [Data] = []
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = pending[pending.startIndex..<newline]
            if !line.isEmpty { lines.append(Data(line)) }
            pending = pending[(newline + 1)...]
        }
        pending = Data(pending)
        return lines
    }
}
