/// Runs Databricks SQL statements with named parameters. Two implementations send the same SQL
/// text: ``SQLWarehouse`` (the Statement Execution API, from anywhere) and ``SparkBridge`` (the job
/// cluster's own Spark session, through the task wrapper). Results are small or read in pages, so
/// one result is held in memory at a time.
package protocol StatementExecutor: Sendable {
    /// What runs the statements, for messages ("SQL warehouse 1a2b", "the job cluster's Spark session").
    var description: String { get }

    /// Runs `statement`; a statement that fails throws ``StatementFailure``.
    func execute(_ statement: String, parameters: [SQLParameter]) async throws -> StatementResult
}

extension StatementExecutor {
    package func execute(_ statement: String) async throws -> StatementResult {
        try await execute(statement, parameters: [])
    }
}
