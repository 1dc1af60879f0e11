import SyncCore

/// A ``VolumeSource`` over a ``SyntheticTree``: listings and bytes generated on demand, nothing on
/// disk, so a sync can be run over ten million files. The tree has no `.dxrignore` file, and every
/// listing is complete.
struct SyntheticVolumeSource: VolumeSource {
    let tree: SyntheticTree

    var location: String { "synthetic tree \(tree)" }

    /// The files of `selection` in path order (the tree numbers them so), and for a folder's own
    /// files its subfolders, as the local walker reports them.
    func list(_ selection: FolderSelection) async throws(VolumeSourceError) -> VolumeListing {
        let files = tree.range(of: selection.folder, recursive: selection.recursive).map(tree.file)
        return VolumeListing(
            files: files, subfolders: selection.recursive ? [] : tree.subfolders(of: selection.folder),
            alreadySortedByPath: true)
    }

    /// The bytes of a file of the tree, when it is within `limit`; `nil` for any other path.
    func readSmallFile(at relativePath: String, limit: Int) async throws -> [UInt8]? {
        guard let index = tree.index(of: relativePath) else { return nil }
        let file = tree.file(index)
        guard file.size <= limit else { throw FileTooLargeError(size: file.size, limit: limit) }
        return SyntheticFileContents.bytes(of: index, from: 0, count: Int(file.size))
    }

    func sample() async throws(VolumeSourceError) -> VolumeFile? { tree.count > 0 ? tree.file(0) : nil }

    func open(_ file: VolumeFile) async throws(FileAccessError) -> any FileContents {
        guard let index = tree.index(of: file.relativePath) else {
            throw FileAccessError(.vanished, "vanished before upload (it was listed but no longer exists)")
        }
        guard tree.file(index) == file else { throw FileAccessError(.changed, "changed after listing") }
        return SyntheticFileContents(index: index, size: file.size)
    }
}
