import SyncCore

/// The schemas and volumes of a catalog through the Unity Catalog API, with the caller's rights
/// (`GET /api/2.1/unity-catalog/schemas` and `…/volumes`, fields as in the SDKs' generated
/// `ListSchemasResponse` and `ListVolumesResponseContent`). Both lists are filtered by privilege;
/// `include_browse=true` also returns what the caller sees through BROWSE only, flagged
/// `browse_only`, so such a volume is named as unreadable instead of silently missing. Pages may be
/// empty while a `next_page_token` remains, and come in no particular order: every page is read and
/// the names sorted.
package struct UnityCatalogVolumes: VolumeCatalogue {
    let client: WorkspaceClient

    package init(client: WorkspaceClient) { self.client = client }

    package var location: String { "the Unity Catalog API of \(client.host)" }

    package func schemas(in catalog: String) async throws -> [String] {
        try await names(
            "/api/2.1/unity-catalog/schemas", key: "schemas", query: [("catalog_name", catalog)]
        ).map(\.name)
    }

    package func volumes(in catalog: String, schema: String) async throws -> [DiscoveredVolume] {
        try await names(
            "/api/2.1/unity-catalog/volumes", key: "volumes",
            query: [("catalog_name", catalog), ("schema_name", schema)])
    }

    /// Every item of every page, sorted by name. `max_results=0` asks for the server's page size
    /// (the documented, paginated form of the schemas list).
    private func names(_ path: String, key: String, query: [(String, String)]) async throws -> [DiscoveredVolume] {
        var items: [DiscoveredVolume] = []
        var token: String?
        repeat {
            var pageQuery = query + [("max_results", "0"), ("include_browse", "true")]
            if let token { pageQuery.append(("page_token", token)) }
            let page = try await client.getJSON(path, query: pageQuery)
            if case .array(let entries)? = page[key] {
                for entry in entries {
                    guard let name = entry["name"]?.text else { continue }
                    items.append(DiscoveredVolume(name: name, browseOnly: entry["browse_only"] == .bool(true)))
                }
            }
            token = page["next_page_token"]?.text.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return items.sorted { PathKey($0.name) < PathKey($1.name) }
    }
}
