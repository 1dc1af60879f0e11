/// Runs Databricks SQL statements with named parameters. Two implementations send the same SQL
/// text: ``SQLWarehouse`` (the Statement Execution API, from anywhere) and ``SparkBridge`` (the job
/// cluster's own Spark session, through the task wrapper). Small results come whole
/// (``execute(_:parameters:)``); a large one is streamed a chunk at a time
/// (``stream(_:parameters:_:)``), so one chunk is held in memory at a time.
package protocol StatementExecutor: Sendable {
    /// What runs the statements, for messages ("SQL warehouse 1a2b", "the job cluster's Spark session").
    var description: String { get }

    /// Runs `statement`; a statement that fails throws ``StatementFailure``.
    func execute(_ statement: String, parameters: [SQLParameter]) async throws -> StatementResult

    /// Runs `statement` once and hands its rows to `body` a chunk at a time, in the result's order,
    /// however large the result: the warehouse's `EXTERNAL_LINKS` chunks, or the Spark session's
    /// rows as they stream in. A statement that fails throws ``StatementFailure``, possibly after
    /// some chunks were handed over.
    func stream(
        _ statement: String, parameters: [SQLParameter], _ body: ([[String?]]) async throws -> Void
    ) async throws
}

extension StatementExecutor {
    package func execute(_ statement: String) async throws -> StatementResult {
        try await execute(statement, parameters: [])
    }
}
