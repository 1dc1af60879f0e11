import Databricks
import Foundation
import Logging
import SQLiteStore
import SyncCore

/// The volume's scope and the store its rows are in: a SQLite file (`--sqlite PATH`), or a Delta
/// table in a workspace through its SQL warehouse (`--workspace URL --pat TOKEN --warehouse ID`),
/// named `<catalog>.<schema>.<table>` (`--table`, by default `<volume>_metadata`).
struct StoreOptions {
    let scope: VolumeScope
    let table: String
    let sqlitePath: String?
    let workspace: (url: URL, token: String, warehouse: String)?

    init(_ arguments: Arguments) throws(UsageError) {
        scope = VolumeScope(
            catalog: try arguments.text("catalog", default: "bench"),
            schema: try arguments.text("schema", default: "scale"),
            volume: try arguments.text("volume", default: "tree"))
        table = try arguments.text("table", default: scope.volume + "_metadata")
        sqlitePath = arguments.optional("sqlite")
        if arguments.optional("workspace") != nil {
            workspace = (
                try arguments.parsed("workspace") { URL(string: $0) }, try arguments.text("pat"),
                try arguments.text("warehouse")
            )
        } else {
            workspace = nil
        }
        guard (sqlitePath == nil) != (workspace == nil) else {
            throw UsageError("give either --sqlite PATH or --workspace URL --pat TOKEN --warehouse ID")
        }
    }

    /// Opens the store and runs `body` with it (and the workspace connection open, for Delta).
    func withStore<Result: Sendable>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (any MetadataStore) async throws -> Result
    ) async throws -> Result {
        if let sqlitePath {
            return try await body(try SQLiteMetadataStore(path: sqlitePath, table: table))
        }
        let (url, token, warehouse) = workspace!
        let configuration = DatabricksConfiguration(host: url, token: Secret(token))
        return try await WorkspaceConnection.withConnection(configuration, logger: logger) { client in
            let metadata = MetadataConfiguration(
                catalog: scope.catalog, schema: scope.schema, table: table,
                backend: .databricks(warehouseID: warehouse))
            return try await body(
                DeltaMetadataStore(
                    executor: SQLWarehouse(client: client, warehouseID: warehouse), configuration: metadata,
                    logger: logger))
        }
    }
}
