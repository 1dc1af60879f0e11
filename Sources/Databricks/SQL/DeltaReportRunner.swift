import SyncCore

/// Runs the report's statements through a ``StatementExecutor``, values bound as named parameters.
struct DeltaReportRunner: ReportStatementRunner {
    let executor: any StatementExecutor

    var dialect: any ReportDialect { DatabricksSQLDialect() }

    /// One statement after the other: a warehouse has no snapshot across statements (each reads
    /// the table's latest version).
    func rows(of statements: [SQLFragment]) async throws -> [[[String?]]] {
        var results: [[[String?]]] = []
        for statement in statements { results.append(try await rows(statement)) }
        return results
    }

    private func rows(_ statement: SQLFragment) async throws -> [[String?]] {
        let (sql, values) = statement.rendered { ":p\($0)" }
        let parameters = values.enumerated().map { position, value in
            switch value {
            case .text(let text): SQLParameter("p\(position)", text)
            case .integer(let number): SQLParameter("p\(position)", String(number), type: "BIGINT")
            case .timestamp(let date): SQLParameter("p\(position)", Timestamps.text(date), type: "TIMESTAMP")
            }
        }
        return try await executor.execute(sql, parameters: parameters).rows
    }
}
