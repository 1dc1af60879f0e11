/// A regular file found in the volume.
package struct VolumeFile: Sendable, Hashable, Codable {
    /// Path relative to the scanned root, `/`-separated, no leading `/`.
    package var relativePath: String
    /// Size in bytes at listing time.
    package var size: Int64
    /// Modification time at listing time.
    package var modified: FileTime

    package init(relativePath: String, size: Int64, modified: FileTime) {
        self.relativePath = relativePath
        self.size = size
        self.modified = modified
    }
}
