import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A volume found in a schema, and whether the caller may read its files.
package struct DiscoveredVolume: Sendable, Hashable {
    package var name: String
    /// Listed through the BROWSE privilege only: its metadata is visible, its files are not.
    package var browseOnly: Bool

    package init(name: String, browseOnly: Bool = false) {
        self.name = name
        self.browseOnly = browseOnly
    }
}

/// Where the schemas of a catalog and the volumes of a schema are found: the Unity Catalog API
/// (through the Files API's workspace), or the folders of the volumes' mount.
package protocol VolumeCatalogue: Sendable {
    /// What is asked, for messages ("the Unity Catalog API of https://…", "the mount at /Volumes").
    var location: String { get }

    /// The schemas of `catalog` the caller can use, sorted.
    func schemas(in catalog: String) async throws -> [String]

    /// The volumes of `catalog.schema` the caller can see, sorted by name.
    func volumes(in catalog: String, schema: String) async throws -> [DiscoveredVolume]
}

/// The catalogs, schemas and volumes as the folders of the mount (`VOLUME_BASE_PATH`): on a
/// Databricks cluster `/Volumes/<catalog>/<schema>/<volume>` shows what the job's identity can use.
package struct MountedVolumeCatalogue: VolumeCatalogue {
    package let basePath: String

    package init(basePath: String) { self.basePath = basePath }

    package var location: String { "the folders of \(basePath)" }

    package func schemas(in catalog: String) async throws -> [String] {
        try folders(at: [catalog])
    }

    package func volumes(in catalog: String, schema: String) async throws -> [DiscoveredVolume] {
        try folders(at: [catalog, schema]).map { DiscoveredVolume(name: $0) }
    }

    private func folders(at names: [String]) throws -> [String] {
        let path = ([basePath] + names).joined(separator: "/")
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw VolumeSourceError(path: path, reason: "cannot be listed: \(error.localizedDescription)")
        }
        return entries.filter { name in
            var status = stat()
            return stat(path + "/" + name, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
        }.sorted { PathKey($0) < PathKey($1) }
    }
}
