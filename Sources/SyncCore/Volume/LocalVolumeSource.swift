import Dispatch

/// Lists a folder on the local file system: a volume mounted at `/Volumes` on a Databricks
/// cluster, or any folder named through `VOLUME_BASE_PATH`.
public struct LocalVolumeSource: VolumeSource {
    /// The folder to list.
    public let root: String

    public init(root: String) { self.root = root }

    /// The folder of a configured volume.
    public init(configuration: VolumeConfiguration) { self.init(root: configuration.localRoot) }

    public var location: String { root }

    /// Walks the tree on a dispatch thread, so a slow mount does not block the cooperative pool.
    public func list() async throws(VolumeSourceError) -> VolumeListing {
        let root = root
        let result: Result<VolumeListing, VolumeSourceError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    returning: Result { () throws(VolumeSourceError) in try DirectoryWalker.walk(root: root) })
            }
        }
        return try result.get()
    }

    public func open(_ file: VolumeFile) async throws(FileAccessError) -> any FileContents {
        try LocalFileContents(path: root + "/" + file.relativePath, listed: file)
    }
}
