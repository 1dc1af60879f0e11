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
/// "message"}}` at any point. Rows stream in as Spark produces them; large reads come in pages.
package struct SparkBridge: StatementExecutor {
    /// The wrapper's socket.
    package let socketPath: String

    package init(socketPath: String) { self.socketPath = socketPath }

    package var description: String { "the job cluster's Spark session" }

    package func execute(_ statement: String, parameters: [SQLParameter]) async throws -> StatementResult {
        let request = try JSONEncoder().encode(BridgeRequest(statement: statement, parameters: parameters))
        let summary = SQLWarehouse.summary(of: statement)
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(
                unixDomainSocketPath: socketPath
            ) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        } catch {
            throw StatementFailure(
                statement: summary, state: "UNREACHABLE", sqlState: nil, errorCode: "BRIDGE_UNAVAILABLE",
                message: "cannot reach the Spark session of run_dxrsync.py at \(socketPath) (DXRSYNC_SPARK_SOCKET): "
                    + "\(error); METADATA_BACKEND=spark works only under run_dxrsync.py on a Databricks cluster")
        }
        return try await channel.executeThenClose { inbound, outbound in
            var line = ByteBuffer(bytes: request)
            line.writeString("\n")
            try await outbound.write(line)
            var reader = BridgeAnswerReader(statement: summary)
            var lines = JSONLines()
            for try await chunk in inbound {
                for answer in lines.feed(chunk) {
                    if let result = try reader.read(answer) { return result }
                }
            }
            throw StatementFailure(
                statement: summary, state: "FAILED", sqlState: nil, errorCode: "BRIDGE_CLOSED",
                message: "the Spark session of run_dxrsync.py closed the channel before the statement finished")
        }
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

/// Turns the bridge's answer lines into a ``StatementResult`` or a ``StatementFailure``.
struct BridgeAnswerReader {
    let statement: String
    private var columns: [String]?
    private var rows: [[String?]] = []

    init(statement: String) { self.statement = statement }

    private struct Control: Decodable {
        struct Failure: Decodable {
            var errorClass: String?
            var sqlState: String?
            var message: String?

            enum CodingKeys: String, CodingKey {
                case errorClass = "error_class"
                case sqlState = "sql_state"
                case message
            }
        }
        struct Done: Decodable { var rows: Int }

        var columns: [String]?
        var done: Done?
        var error: Failure?
    }

    /// Reads one line; returns the result once the statement is done.
    mutating func read(_ line: Data) throws -> StatementResult? {
        if line.first == UInt8(ascii: "[") {
            rows.append(try JSONDecoder().decode([String?].self, from: line))
            return nil
        }
        let control = try JSONDecoder().decode(Control.self, from: line)
        if let failure = control.error {
            throw StatementFailure(
                statement: statement, state: "FAILED", sqlState: failure.sqlState, errorCode: failure.errorClass,
                message: failure.message ?? "the Spark session gave no reason")
        }
        if let names = control.columns { columns = names }
        guard let done = control.done else { return nil }
        guard done.rows == rows.count else {
            throw StatementFailure(
                statement: statement, state: "FAILED", sqlState: nil, errorCode: "BRIDGE_TRUNCATED",
                message: "the Spark session announced \(done.rows) rows but sent \(rows.count)")
        }
        return StatementResult(columns: columns ?? [], rows: rows)
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
