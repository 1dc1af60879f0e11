import SyncCore

extension SQLWarehouse {
    /// The warehouse's state (`GET /api/2.0/sql/warehouses/{id}`: RUNNING, STARTING, STOPPED,
    /// STOPPING, DELETING or DELETED) and its name, for `doctor`.
    package func state() async throws -> (state: String, name: String?) {
        let answer = try await client.getJSON("/api/2.0/sql/warehouses/" + WorkspaceClient.encodedPath(warehouseID))
        return (answer["state"]?.text ?? "UNKNOWN", answer["name"]?.text)
    }
}
