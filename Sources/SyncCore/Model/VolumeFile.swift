/// A regular file found in the volume.
public struct VolumeFile: Sendable, Hashable, Codable {
    /// Path relative to the scanned root, `/`-separated, no leading `/`.
    public var relativePath: String
    /// Size in bytes at listing time.
    public var size: Int64
    /// Modification time at listing time.
    public var modified: FileTime

    public init(relativePath: String, size: Int64, modified: FileTime) {
        self.relativePath = relativePath
        self.size = size
        self.modified = modified
    }
}
