import Foundation
import HTTPSupport
import Logging
import SyncCore

/// Runs statements on a SQL warehouse through the Statement Execution API
/// (`POST /api/2.0/sql/statements`), polling until a terminal state. ``execute(_:parameters:)``
/// asks for an `INLINE` result (at most 25 MiB) and reads every chunk; ``stream(_:parameters:_:)``
/// asks for `EXTERNAL_LINKS` and hands over one chunk at a time (`SQLWarehouse+ExternalLinks.swift`).
package struct SQLWarehouse: StatementExecutor {
    let client: WorkspaceClient
    package let warehouseID: String
    /// How long the server may hold the `POST` before answering `PENDING` (`0s` or 5–50 s).
    var waitTimeout = "30s"
    /// How long a statement may take before it is cancelled.
    var deadline: Duration = .seconds(3_600)
    /// The first and the longest pause between polls.
    var firstPoll: Duration = .milliseconds(100)
    var longestPoll: Duration = .seconds(5)

    package init(client: WorkspaceClient, warehouseID: String) {
        self.client = client
        self.warehouseID = warehouseID
    }

    package var description: String { "SQL warehouse \(warehouseID)" }

    /// Runs `statement` with named `parameters`; a `FAILED`, `CANCELED` or `CLOSED` statement
    /// throws ``StatementFailure``; HTTP problems throw `HTTPRequestError`.
    package func execute(_ statement: String, parameters: [SQLParameter]) async throws -> StatementResult {
        try await result(of: run(statement, parameters: parameters, disposition: "INLINE"))
    }

    /// Runs `statement` until it succeeds and returns the answer that says so (its manifest and
    /// first chunk); any other end throws ``StatementFailure``. `disposition` is `INLINE` or
    /// `EXTERNAL_LINKS`; the format is always `JSON_ARRAY`.
    func run(_ statement: String, parameters: [SQLParameter], disposition: String) async throws
        -> StatementResponse
    {
        let request: JSONValue = .object([
            "warehouse_id": .string(warehouseID),
            "statement": .string(statement),
            "parameters": .array(parameters.map(\.json)),
            "wait_timeout": .string(waitTimeout),
            "on_wait_timeout": .string("CONTINUE"),
            "disposition": .string(disposition),
            "format": .string("JSON_ARRAY"),
        ])
        var answer = try await client.post(
            "/api/2.0/sql/statements", body: try JSONEncoder().encode(request), as: StatementResponse.self)
        let summary = Self.summary(of: statement)
        let started = ContinuousClock.now
        var pause = firstPoll
        while true {
            let state = answer.status?.state ?? ""
            switch state {
            case "SUCCEEDED":
                return answer
            case "PENDING", "RUNNING":
                guard let id = answer.statementID else {
                    throw StatementFailure(
                        statement: summary, state: state, sqlState: nil, errorCode: nil,
                        message: "the answer has no statement_id")
                }
                if ContinuousClock.now - started > deadline {
                    _ = try? await client.post(
                        "/api/2.0/sql/statements/\(id)/cancel", body: Data("{}".utf8), as: JSONValue.self)
                    throw StatementFailure(
                        statement: summary, state: state, sqlState: nil, errorCode: "DEADLINE_EXCEEDED",
                        message: "no result within \(deadline); the statement was cancelled")
                }
                try await Task.sleep(for: pause)
                pause = min(pause * 2, longestPoll)
                answer = try await client.get("/api/2.0/sql/statements/\(id)", as: StatementResponse.self)
            default:
                let status = answer.status
                throw StatementFailure(
                    statement: summary, state: state.isEmpty ? "UNKNOWN" : state, sqlState: status?.sqlState,
                    errorCode: status?.error?.errorCode,
                    message: status?.error?.message ?? "the warehouse gave no reason")
            }
        }
    }

    /// Column names from the manifest and rows from every chunk.
    private func result(of answer: StatementResponse) async throws -> StatementResult {
        guard let columns = answer.manifest?.schema?.columns else { return StatementResult(columns: [], rows: []) }
        var rows: [[String?]] = []
        var chunk = answer.result
        while let current = chunk {
            rows += current.dataArray ?? []
            guard let link = current.nextChunkInternalLink else { break }
            chunk = try await client.get(link, as: ResultChunk.self)
        }
        return StatementResult(columns: columns.map(\.name), rows: rows)
    }

    /// The first words of a statement, one line, for messages.
    static func summary(of statement: String) -> String {
        let words = statement.split(whereSeparator: \.isWhitespace).prefix(6).joined(separator: " ")
        return words.count > 80 ? String(words.prefix(80)) + "…" : words
    }
}
