/// A Unity Catalog volume, optionally narrowed to a folder inside it.
///
/// Paths in the metadata table are always Unity Catalog paths (`/Volumes/<catalog>/<schema>/
/// <volume>/…`), whichever source listed them, so local and Files API runs write the same keys.
package struct VolumeScope: Sendable, Hashable, Codable {
    package var catalog: String
    package var schema: String
    package var volume: String
    /// A folder inside the volume without leading or trailing `/`, or `nil` for the whole volume.
    package var prefix: String?

    package init(catalog: String, schema: String, volume: String, prefix: String? = nil) {
        self.catalog = catalog
        self.schema = schema
        self.volume = volume
        self.prefix = prefix.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `/Volumes/<catalog>/<schema>/<volume>`.
    package var volumePath: String { "/Volumes/\(catalog)/\(schema)/\(volume)" }

    /// The scanned folder: the volume path plus the prefix.
    package var rootPath: String { prefix.map { "\(volumePath)/\($0)" } ?? volumePath }

    /// The `file_path` of a file given its path relative to ``rootPath``.
    package func filePath(relativePath: String) -> String { "\(rootPath)/\(relativePath)" }

    /// The path relative to ``rootPath`` of a `file_path` under it.
    package func relativePath(filePath: String) -> String {
        String(decoding: filePath.utf8.dropFirst(rootPath.utf8.count + 1), as: UTF8.self)
    }
}
