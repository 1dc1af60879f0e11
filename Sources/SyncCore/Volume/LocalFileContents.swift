import Glibc
import Synchronization

/// A local file opened for upload: a file descriptor read in chunks, so memory never grows with
/// the file's size.
final class LocalFileContents: FileContents {
    private let descriptor: Mutex<Int32>
    private let listed: VolumeFile

    /// Opens `path` without following a symbolic link and checks it still matches the listing.
    init(path: String, listed: VolumeFile) throws(FileAccessError) {
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw code == ENOENT
                ? FileAccessError(.vanished, "vanished before upload (it was listed but no longer exists)")
                : FileAccessError(.unreadable, "cannot open for upload: \(systemMessage(code))")
        }
        self.descriptor = Mutex(fd)
        self.listed = listed
        if let change = Self.change(fd: fd, listed: listed, when: "after listing") {
            Glibc.close(fd)
            descriptor.withLock { $0 = -1 }
            throw FileAccessError(.changed, change)
        }
    }

    deinit {
        let fd = descriptor.withLock { $0 }
        if fd >= 0 { Glibc.close(fd) }
    }

    func read(maxLength: Int) async throws -> [UInt8] {
        try descriptor.withLock { fd in
            var buffer = [UInt8](repeating: 0, count: maxLength)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, maxLength) }
                if count >= 0 {
                    buffer.removeLast(maxLength - count)
                    return buffer
                }
                if errno != EINTR { throw FileAccessError(.unreadable, "read failed: \(systemMessage(errno))") }
            }
        }
    }

    func changeSinceListing() async -> String? {
        descriptor.withLock { fd in Self.change(fd: fd, listed: listed, when: "during upload") }
    }

    func close() async {
        descriptor.withLock { fd in
            if fd >= 0 { Glibc.close(fd) }
            fd = -1
        }
    }

    /// A reason when the open file's size or modification time differ from the listing.
    private static func change(fd: Int32, listed: VolumeFile, when: String) -> String? {
        var status = stat()
        guard fd >= 0, fstat(fd, &status) == 0 else { return "changed \(when): it can no longer be examined" }
        let modified = FileTime(seconds: Int64(status.st_mtim.tv_sec), nanoseconds: Int32(status.st_mtim.tv_nsec))
        if Int64(status.st_size) != listed.size {
            return "changed \(when): size went from \(listed.size) to \(status.st_size) bytes"
        }
        if modified != listed.modified {
            return "changed \(when): modification time moved"
        }
        return nil
    }
}
