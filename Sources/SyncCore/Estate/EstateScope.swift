/// One path of `DXRSYNC_SCOPE`: every volume of a catalog, every volume of a schema, or one
/// volume (or a folder of it).
package enum ScopeRoot: Sendable, Hashable, CustomStringConvertible {
    case catalog(String)
    case schema(catalog: String, schema: String)
    case volume(VolumeScope)

    /// Reads `/Volumes/<catalog>[/<schema>[/<volume>[/<folder>…]]]` (one trailing `/` allowed).
    package init?(parsing text: String) {
        guard text.hasPrefix("/Volumes/") else { return nil }
        var names = text.dropFirst("/Volumes/".count).split(separator: "/", omittingEmptySubsequences: false)
            .map(String.init)
        if names.last == "" { names.removeLast() }
        // Unity Catalog names hold no `.` (it separates them in `catalog.schema.volume`).
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }),
            names.prefix(3).allSatisfy({ !$0.contains(".") })
        else { return nil }
        switch names.count {
        case 1: self = .catalog(names[0])
        case 2: self = .schema(catalog: names[0], schema: names[1])
        default:
            self = .volume(
                VolumeScope(
                    catalog: names[0], schema: names[1], volume: names[2],
                    prefix: names.count > 3 ? names[3...].joined(separator: "/") : nil))
        }
    }

    package var catalog: String {
        switch self {
        case .catalog(let catalog), .schema(let catalog, _): catalog
        case .volume(let volume): volume.catalog
        }
    }

    /// The schema, when the path names one.
    package var schema: String? {
        switch self {
        case .catalog: nil
        case .schema(_, let schema): schema
        case .volume(let volume): volume.schema
        }
    }

    package var description: String {
        switch self {
        case .catalog(let catalog): "/Volumes/\(catalog)"
        case .schema(let catalog, let schema): "/Volumes/\(catalog)/\(schema)"
        case .volume(let volume): volume.rootPath
        }
    }
}

/// `DXRSYNC_SCOPE` with `DXRSYNC_SCOPE_INCLUDE` and `DXRSYNC_SCOPE_EXCLUDE`: the volumes of a run
/// over an estate, named by catalog, schema or volume, all written into one table.
package struct EstateScope: Sendable, Hashable {
    package var roots: [ScopeRoot]
    /// Patterns over `catalog.schema` and `catalog.schema.volume` names; empty admits every volume.
    package var include: [GlobPattern]
    package var exclude: [GlobPattern]

    package init(roots: [ScopeRoot], include: [GlobPattern] = [], exclude: [GlobPattern] = []) {
        self.roots = roots
        self.include = include
        self.exclude = exclude
    }

    /// A `catalog.schema[.volume]` pattern (with `*`, `?`, `[…]`) as a glob over the
    /// `catalog/schema/volume` path, anchored at the catalog.
    package static func namePattern(_ text: String) throws(GlobPatternError) -> GlobPattern {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw GlobPatternError(pattern: text, reason: "expected catalog.schema or catalog.schema.volume")
        }
        return try GlobPattern("/" + parts.joined(separator: "/"))
    }

    /// Whether the include and exclude lists let `volume` in: a pattern naming its schema or the
    /// volume itself counts.
    package func admits(_ volume: VolumeScope) -> Bool {
        let path: [Substring] = [Substring(volume.catalog), Substring(volume.schema), Substring(volume.volume)]
        func names(_ pattern: GlobPattern) -> Bool {
            (2...3).contains { pattern.matches(Array(path.prefix($0)), isFolder: true) }
        }
        return (include.isEmpty || include.contains(where: names)) && !exclude.contains(where: names)
    }
}
