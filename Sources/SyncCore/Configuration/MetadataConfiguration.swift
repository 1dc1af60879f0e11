/// Which store the rows go to.
package enum MetadataBackend: Sendable, Hashable {
    /// The embedded SQLite file at this path.
    case sqlite(path: String)
    /// A Delta table written through this SQL warehouse.
    case databricks(warehouseID: String)
    /// A Delta table written through the job cluster's Spark session, reached over the socket of
    /// `run_dxrsync.py`.
    case spark(socketPath: String)

    /// The names `METADATA_BACKEND` takes.
    package enum Kind: String, Sendable {
        case sqlite, databricks, spark
    }
}

/// The metadata table and where it lives.
package struct MetadataConfiguration: Sendable, Hashable {
    package var catalog: String
    package var schema: String
    package var table: String
    package var backend: MetadataBackend
    /// `DXR_DROP_METADATA_TABLE`: drop and recreate before the run.
    package var dropTable: Bool

    package init(catalog: String, schema: String, table: String, backend: MetadataBackend, dropTable: Bool = false) {
        self.catalog = catalog
        self.schema = schema
        self.table = table
        self.backend = backend
        self.dropTable = dropTable
    }

    /// The run-ledger table, `<table>_runs`.
    package var ledgerTable: String { "\(table)_runs" }

    /// The label history, `<table>_events`.
    package var eventsTable: String { "\(table)_events" }

    /// The stewards' reviews, `<table>_reviews`.
    package var reviewsTable: String { "\(table)_reviews" }

    /// `catalog.schema.table`, for messages.
    package var qualifiedName: String { "\(catalog).\(schema).\(table)" }
}
