/// A volume of the scope that is left out of the run, with the reason (it cannot be read, its
/// schema cannot be listed): named in the summary, never a crash.
package struct SkippedVolume: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// `catalog.schema.volume`, or `catalog.schema` / `catalog` when what failed was listing it.
    package var name: String
    package var reason: String

    package init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }

    package var description: String { "\(name): \(reason)" }
}

/// The volumes an estate scope names, found through a ``VolumeCatalogue``.
package struct EstateVolumes: Sendable, Hashable {
    /// Each volume (or folder of one) once, sorted by path; a folder inside another is left to it.
    package var volumes: [VolumeScope]
    package var skipped: [SkippedVolume]
}

extension EstateScope {
    /// Finds the volumes: a catalog's schemas and a schema's volumes are listed with the caller's
    /// rights; a volume seen only through BROWSE, or a catalog or schema that cannot be listed, is
    /// skipped with the reason; the include and exclude lists then apply.
    package func resolve(with catalogue: any VolumeCatalogue) async -> EstateVolumes {
        var found: [VolumeScope] = []
        var skipped: [SkippedVolume] = []
        func volumes(of catalog: String, _ schema: String) async {
            do {
                for volume in try await catalogue.volumes(in: catalog, schema: schema) {
                    let scope = VolumeScope(catalog: catalog, schema: schema, volume: volume.name)
                    guard admits(scope) else { continue }
                    if volume.browseOnly {
                        skipped.append(
                            SkippedVolume(
                                name: "\(catalog).\(schema).\(volume.name)",
                                reason: "listed through BROWSE only: the caller lacks READ VOLUME on it"))
                    } else {
                        found.append(scope)
                    }
                }
            } catch {
                skipped.append(SkippedVolume(name: "\(catalog).\(schema)", reason: "cannot list its volumes: \(error)"))
            }
        }
        for root in roots {
            switch root {
            case .volume(let volume):
                if admits(volume) { found.append(volume) }
            case .schema(let catalog, let schema):
                await volumes(of: catalog, schema)
            case .catalog(let catalog):
                do {
                    for schema in try await catalogue.schemas(in: catalog) { await volumes(of: catalog, schema) }
                } catch {
                    skipped.append(SkippedVolume(name: catalog, reason: "cannot list its schemas: \(error)"))
                }
            }
        }
        // Each root once; a folder inside another root (a whole volume, or an outer folder) goes.
        let sorted = Dictionary(found.map { ($0.rootPath, $0) }) { first, _ in first }.values
            .sorted { PathKey($0.rootPath) < PathKey($1.rootPath) }
        var kept: [VolumeScope] = []
        for volume in sorted
        where !kept.contains(where: { volume.rootPath.utf8.starts(with: ($0.rootPath + "/").utf8) }) {
            kept.append(volume)
        }
        return EstateVolumes(
            volumes: kept,
            skipped: skipped.sorted { $0.name < $1.name })
    }
}
