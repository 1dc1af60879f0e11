import Databricks
import Foundation
import HTTPSupport
import Logging
import SyncCore
import TestSupport

extension WorkspaceStandIn {
    /// Runs `sql` on the stand-in's SQL warehouse; each row keyed by column name.
    func query(_ sql: String) async throws -> [[String: String]] {
        let logger = Logger.quiet("stand-in-query", level: .critical)
        let configuration = DatabricksConfiguration(host: URL(string: url), token: Secret(token))
        let result = try await WorkspaceConnection.withConnection(configuration, logger: logger) { client in
            try await SQLWarehouse(client: client, warehouseID: Self.warehouseID).execute(sql)
        }
        return result.rows.map { row in
            Dictionary(zip(result.columns, row).compactMap { name, value in value.map { (name, $0) } }) { first, _ in
                first
            }
        }
    }
}
