/// Compares a listing with what the store holds for the same scope.
///
/// - unchanged: same size and modification time (whole seconds) and last classified: not uploaded.
/// - new: no row; changed: different size or time, or tombstoned and back; retried: unchanged but
///   not classified last time (failed, or skipped under an older budget).
/// - gone: rows with no file in the listing, tombstoned only when the listing is complete.
///
/// Paths are compared byte for byte, so NFC and NFD spellings of a name are different files.
public struct Reconciliation: Sendable {
    /// Files to plan and classify, in listing order.
    public var toClassify: [VolumeFile] = []
    public var unchanged: [VolumeFile] = []
    /// Stored rows whose file is no longer listed (and not already tombstoned).
    public var gone: [StoredFileState] = []
    public var newCount = 0
    public var changedCount = 0
    public var retriedCount = 0
    /// Previous state of each listed file that has a row, by the bytes of its `file_path`.
    public var previous: [[UInt8]: StoredFileState] = [:]

    /// Reconciles `listing` with `stored` for `scope`. `full` reclassifies everything.
    public init(listing: VolumeListing, stored: [StoredFileState], scope: VolumeScope, full: Bool) {
        var byPath: [[UInt8]: StoredFileState] = [:]
        for state in stored { byPath[Array(state.filePath.utf8)] = state }
        var listed = Set<[UInt8]>()
        for file in listing.files {
            let key = Array(scope.filePath(relativePath: file.relativePath).utf8)
            listed.insert(key)
            guard let state = byPath[key] else {
                newCount += 1
                toClassify.append(file)
                continue
            }
            previous[key] = state
            let same =
                state.fileSize == file.size && state.modificationTime == file.modified.seconds && state.deletedAt == nil
            if !same {
                changedCount += 1
                toClassify.append(file)
            } else if state.status != .classified || full {
                if state.status != .classified { retriedCount += 1 }
                toClassify.append(file)
            } else {
                unchanged.append(file)
            }
        }
        gone = stored.filter { $0.deletedAt == nil && !listed.contains(Array($0.filePath.utf8)) }
    }
}
