/// What `dxrsync partition` prints: the parts of a scope and what their sizes are based on.
package struct PartitionPlan: Sendable, Hashable, Encodable {
    /// What the folder counts come from.
    package enum Basis: String, Sendable, Hashable, Encodable {
        /// The live rows already in the metadata table: nothing is listed but the folders split.
        case table
        /// A listing of the whole scope: the table holds no row of it yet.
        case listing
    }

    /// The scanned folder as a Unity Catalog path.
    package var scope: String
    package var basis: Basis
    package var files: Int
    package var bytes: Int64
    package var parts: [ScopePart]

    enum CodingKeys: String, CodingKey {
        case scope, basis, files, bytes, parts
    }

    /// Plans `count` parts of `scope`, from the table's live rows when it has any and a listing
    /// (without excluded files) otherwise; folders being split are listed one level deep, so
    /// folders the counts never saw are covered too.
    package static func make(
        count: Int, scope: VolumeScope, store: any MetadataStore, source: any VolumeSource, excludes: [GlobPattern]
    ) async throws -> PartitionPlan {
        var tree = FolderTree()
        try await store.readStoredStates(under: scope.rootPath + "/") { page in
            for state in page where state.deletedAt == nil {
                tree.add(relativePath: scope.relativePath(filePath: state.filePath), size: state.fileSize)
            }
        }
        var basis = Basis.table
        if tree.total.files == 0 {
            basis = .listing
            for file in try await source.listing(of: scope, excluding: excludes).files {
                tree.add(relativePath: file.relativePath, size: file.size)
            }
        }
        let parts = try await PartitionPlanner(count: count).plan(tree) { folder in
            try await source.list(FolderSelection(folder: folder, recursive: false)).subfolders
        }
        return PartitionPlan(
            scope: scope.rootPath, basis: basis, files: tree.total.files, bytes: tree.total.bytes, parts: parts)
    }

    /// The plan for people: one line per part, then its `DXRSYNC_PART` value.
    package var text: String {
        var lines = [
            "Scope \(scope): \(files) files, \(ByteCount.describe(bytes)) (counted from "
                + (basis == .table ? "the metadata table's rows" : "a listing: the table has no row of it yet")
                + "); \(parts.count) \(parts.count == 1 ? "part" : "parts")"
        ]
        for (index, part) in parts.enumerated() {
            lines.append(
                "Part \(index + 1): \(part.files) files, \(ByteCount.describe(part.bytes)), "
                    + "\(part.selections.count) \(part.selections.count == 1 ? "folder" : "folders")")
            lines.append("  DXRSYNC_PART='\(part.value)'")
        }
        return lines.joined(separator: "\n")
    }
}
