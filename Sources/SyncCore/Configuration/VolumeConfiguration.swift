/// Where the files come from.
package enum VolumeSourceKind: String, Sendable, CaseIterable {
    /// Walk the volume's mount (or any folder under `VOLUME_BASE_PATH`).
    case local
    /// List and download through the Databricks Files API.
    case filesAPI = "files-api"
}

/// The volume to scan: the Unity Catalog scope, where it is mounted and how to reach it.
package struct VolumeConfiguration: Sendable, Hashable {
    /// Catalog, schema, volume and optional prefix.
    package var scope: VolumeScope
    /// The mount point of all volumes, `/Volumes` on a Databricks cluster.
    package var basePath: String
    /// How the files are listed and read.
    package var source: VolumeSourceKind

    package init(
        scope: VolumeScope, basePath: String = Settings.volumeBasePath.defaultValue,
        source: VolumeSourceKind = Settings.volumeSource.defaultValue
    ) {
        self.scope = scope
        self.basePath = basePath
        self.source = source
    }

    /// The local folder to walk: `<base>/<catalog>/<schema>/<volume>[/<prefix>]`.
    package var localRoot: String {
        var base = basePath
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        let parts = [scope.catalog, scope.schema, scope.volume] + (scope.prefix.map { [$0] } ?? [])
        return ([base == "/" ? "" : base] + parts).joined(separator: "/")
    }
}
