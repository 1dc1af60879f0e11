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

    /// Walks the selected folder on a dispatch thread, so a slow mount does not block the
    /// cooperative pool.
    package func list(_ selection: FolderSelection) async throws(VolumeSourceError) -> VolumeListing {
        let root = root
        let result: Result<VolumeListing, VolumeSourceError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    returning: Result { () throws(VolumeSourceError) in
                        try DirectoryWalker.walk(root: root, selection: selection)
                    })
            }
        }
        return try result.get()
    }

    package func readSmallFile(at relativePath: String, limit: Int) async throws -> [UInt8]? {
        let path = root + "/" + relativePath
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            if errno == ENOENT || errno == ENOTDIR || status.st_mode & S_IFMT != S_IFREG { return nil }
            throw FileAccessError(.unreadable, systemMessage(errno))
        }
        guard status.st_size <= limit else { throw FileTooLargeError(size: Int64(status.st_size), limit: limit) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileAccessError(.unreadable, "cannot be read")
        }
        return Array(data)
    }

    package func sample() async throws(VolumeSourceError) -> VolumeFile? {
        // The walker's check of the root, with its message saying what to check.
        close(try DirectoryWalker.openRoot(root))
        var folder = ""
        while true {
            let path = folder.isEmpty ? root : root + "/" + folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path).sorted() else { return nil }
            var firstFolder: String?
            for name in names {
                let relative = folder.isEmpty ? name : folder + "/" + name
                var status = stat()
                guard lstat(root + "/" + relative, &status) == 0 else { continue }
                if status.st_mode & S_IFMT == S_IFREG { return VolumeFile(relativePath: relative, status: status) }
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
