import Dispatch

/// Lists a folder on the local file system: a volume mounted at `/Volumes` on a Databricks
/// cluster, or any folder named through `VOLUME_BASE_PATH`.
package struct LocalVolumeSource: VolumeSource {
    /// The folder to list.
    package let root: String

    package init(root: String) { self.root = root }

    /// The folder of a configured volume.
    package init(configuration: VolumeConfiguration) { self.init(root: configuration.localRoot) }

    package var location: String { root }

    /// Walks the tree on a dispatch thread, so a slow mount does not block the cooperative pool.
    package func list() async throws(VolumeSourceError) -> VolumeListing {
        let root = root
        let result: Result<VolumeListing, VolumeSourceError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    returning: Result { () throws(VolumeSourceError) in try DirectoryWalker.walk(root: root) })
            }
        }
        return try result.get()
    }

    package func open(_ file: VolumeFile) async throws(FileAccessError) -> any FileContents {
        try LocalFileContents(path: root + "/" + file.relativePath, listed: file)
    }
}
