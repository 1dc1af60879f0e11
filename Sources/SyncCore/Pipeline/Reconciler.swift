/// Compares a listing with what the store holds for the same scope.
///
/// - unchanged: same size and modification time (whole seconds) and last classified: not uploaded.
/// - new: no row; changed: different size or time, or tombstoned and back; retried: unchanged but
///   not classified last time (failed, or skipped under an older budget).
/// - gone: rows with no file in the listing, tombstoned only when the listing is complete.
///
/// Paths are compared byte for byte, so NFC and NFD spellings of a name are different files.
package struct Reconciliation: Sendable {
    /// Files to plan and classify, in listing order.
    package var toClassify: [VolumeFile] = []
    package var unchanged: [VolumeFile] = []
    /// Stored rows whose file is no longer listed (and not already tombstoned).
    package var gone: [StoredFileState] = []
    package var newCount = 0
    package var changedCount = 0
    package var retriedCount = 0
    /// Previous state of each file to classify that has a row, by the bytes of its `file_path`.
    package var previous: [PathKey: StoredFileState] = [:]

    /// Reconciles `listing` with `stored` for `scope`. `full` reclassifies everything.
    package init(listing: VolumeListing, stored: [StoredFileState], scope: VolumeScope, full: Bool) {
        var byPath: [PathKey: StoredFileState] = Dictionary(minimumCapacity: stored.count)
        for state in stored { byPath[PathKey(state.filePath)] = state }
        for file in listing.files {
            let key = PathKey(scope.filePath(relativePath: file.relativePath))
            // Removing what the listing has leaves the rows whose file is gone.
            guard let state = byPath.removeValue(forKey: key) else {
                newCount += 1
                toClassify.append(file)
                continue
            }
            let same =
                state.fileSize == file.size && state.modificationTime == file.modified.seconds && state.deletedAt == nil
            if !same {
                changedCount += 1
                previous[key] = state
                toClassify.append(file)
            } else if state.status != .classified || full {
                if state.status != .classified { retriedCount += 1 }
                previous[key] = state
                toClassify.append(file)
            } else {
                unchanged.append(file)
            }
        }
        gone = byPath.values.filter { $0.deletedAt == nil }.sorted { PathKey($0.filePath) < PathKey($1.filePath) }
    }

    /// The stored state of `file`, when it is to be classified and has a row.
    func previous(of file: VolumeFile, in scope: VolumeScope) -> StoredFileState? {
        previous[PathKey(scope.filePath(relativePath: file.relativePath))]
    }
}
