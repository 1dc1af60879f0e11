/// Lists the files of a volume and reads their bytes. Implemented by the local walker
/// (``LocalVolumeSource``) and by the Databricks Files API source.
package protocol VolumeSource: Sendable {
    /// A human-readable name of what is listed, for messages (a path or a URL).
    var location: String { get }

    /// Lists the regular files of `selection`, their paths relative to the root. Throws only when
    /// the root itself cannot be listed; problems below it are recorded in the listing, and a
    /// selected folder that does not exist (any more) lists nothing.
    func list(_ selection: FolderSelection) async throws(VolumeSourceError) -> VolumeListing

    /// The bytes of the regular file at `relativePath`, or `nil` when there is none; throws when it
    /// cannot be read or is larger than `limit` bytes. For the small files that steer a run
    /// (`.dxrignore`), read whole.
    func readSmallFile(at relativePath: String, limit: Int) async throws -> [UInt8]?

    /// One file of the volume found without listing all of it (the first file met going down
    /// the first folders), for `doctor`; `nil` when the volume has no file there. Throws when the
    /// root cannot be listed.
    func sample() async throws(VolumeSourceError) -> VolumeFile?

    /// Opens a listed file for reading. The caller must ``FileContents/close()`` it.
    /// Fails with ``FileAccessError`` when the file vanished, changed since it was listed, or
    /// cannot be read; that is a problem of this file only.
    func open(_ file: VolumeFile) async throws(FileAccessError) -> any FileContents
}

extension VolumeSource {
    /// Lists every regular file under the root.
    package func list() async throws(VolumeSourceError) -> VolumeListing { try await list(.everything) }
}

/// A small file was larger than the caller allows.
package struct FileTooLargeError: Error, Sendable, CustomStringConvertible {
    package let size: Int64
    package let limit: Int

    package init(size: Int64, limit: Int) {
        self.size = size
        self.limit = limit
    }

    package var description: String {
        "it is \(ByteCount.describe(size)), more than the \(ByteCount.describe(Int64(limit))) allowed"
    }
}

/// An open file whose bytes are being uploaded.
package protocol FileContents: AnyObject, Sendable {
    /// Reads up to `maxLength` bytes; an empty array means the end of the file.
    func read(maxLength: Int) async throws -> [UInt8]

    /// Whether the file still has the size and modification time it was listed with;
    /// a reason when it changed (checked after the upload).
    func changeSinceListing() async -> String?

    /// Releases the file. Calling it twice is harmless.
    func close() async
}

/// Why a file could not be opened.
package struct FileAccessError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Kind: String, Sendable, Hashable {
        /// The file is gone.
        case vanished
        /// The file's size or modification time differ from the listing.
        case changed
        /// Anything else (permissions, I/O errors).
        case unreadable
    }

    package var kind: Kind
    package var reason: String

    package init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    package var description: String { reason }
}

/// Why a volume could not be listed at all.
/// It is a configuration problem: the volume, prefix or base path names nothing listable.
package struct VolumeSourceError: RunFailure, Sendable, Hashable {
    /// The root or entry at fault.
    package var path: String
    /// What went wrong and what to check.
    package var reason: String

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    package var kind: FailureKind { .configuration }

    package var description: String { "cannot list '\(path)': \(reason)" }
}
