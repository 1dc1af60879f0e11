import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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

    package func sample() async throws(VolumeSourceError) -> VolumeFile? {
        let files = FileManager.default
        var folder = ""
        while true {
            let names: [String]
            do {
                names = try files.contentsOfDirectory(atPath: folder.isEmpty ? root : root + "/" + folder).sorted()
            } catch {
                guard folder.isEmpty else { return nil }
                // The walker's own message says what to check.
                _ = try DirectoryWalker.walk(root: root)
                return nil
            }
            var firstFolder: String?
            for name in names {
                let relative = folder.isEmpty ? name : folder + "/" + name
                var status = stat()
                guard lstat(root + "/" + relative, &status) == 0 else { continue }
                // The walker's precision (nanoseconds), so the file opens as listed.
                if status.st_mode & S_IFMT == S_IFREG {
                    return VolumeFile(
                        relativePath: relative, size: Int64(status.st_size),
                        modified: FileTime(
                            seconds: Int64(status.st_mtim.tv_sec), nanoseconds: Int32(status.st_mtim.tv_nsec)))
                }
                if status.st_mode & S_IFMT == S_IFDIR, firstFolder == nil { firstFolder = relative }
            }
            guard let next = firstFolder else { return nil }
            folder = next
        }
    }

    package func open(_ file: VolumeFile) async throws(FileAccessError) -> any FileContents {
        try LocalFileContents(path: root + "/" + file.relativePath, listed: file)
    }
}
