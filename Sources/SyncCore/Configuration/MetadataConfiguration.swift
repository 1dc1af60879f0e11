/// Which store the rows go to.
public enum MetadataBackend: Sendable, Hashable {
    /// The embedded SQLite file at this path.
    case sqlite(path: String)
    /// A Delta table written through this SQL warehouse.
    case databricks(warehouseID: String)
}

/// The metadata table and where it lives.
public struct MetadataConfiguration: Sendable, Hashable {
    public var catalog: String
    public var schema: String
    public var table: String
    public var backend: MetadataBackend
    /// `DXR_DROP_METADATA_TABLE`: drop and recreate before the run.
    public var dropTable: Bool

    public init(catalog: String, schema: String, table: String, backend: MetadataBackend, dropTable: Bool = false) {
        self.catalog = catalog
        self.schema = schema
        self.table = table
        self.backend = backend
        self.dropTable = dropTable
    }

    /// The run-ledger table, `<table>_runs`.
    public var ledgerTable: String { "\(table)_runs" }

    /// `catalog.schema.table`, for messages.
    public var qualifiedName: String { "\(catalog).\(schema).\(table)" }
}
