import Foundation

/// What reconciliation found.
///
/// - unchanged: same size and modification time (whole seconds) and last classified: not uploaded,
///   unless the rescan policy says its classification is due (stale).
/// - new: no row; changed: different size or time, or tombstoned and back; retried: unchanged but
///   not classified last time (failed, skipped under an older budget, or left by the playbook).
/// - touched: only the modification time moved, and the file had a current classification with a
///   content hash: its bytes are hashed before anything is uploaded (a touch, a copy back).
/// - gone: live rows with no file in the listing, tombstoned only when the listing is complete.
package struct Reconciliation: Sendable {
    /// New and changed files, in listing order.
    package var fresh: [VolumeFile] = []
    /// Files that failed or were skipped before.
    package var retried: [VolumeFile] = []
    /// Unchanged files whose classification the rescan policy re-queues.
    package var stale: [VolumeFile] = []
    /// Files whose modification time alone moved: candidates for the same-bytes check.
    package var touched: [VolumeFile] = []
    package var unchangedCount = 0
    /// The live rows whose file is no longer listed, in byte order; those an exclude rule now
    /// leaves out say so.
    package var gone: [Tombstone] = []
    package var newCount = 0
    package var changedCount = 0
    /// Stored rows of the scope that are not tombstoned.
    package var liveRows = 0
    /// The stored row of each file to classify or check that has one, by its `file_path`.
    package var previous: [PathKey: StoredFileState] = [:]

    package var retriedCount: Int { retried.count }

    /// Every file to classify, highest priority first: new and changed, then retried, then stale.
    package var toClassify: [VolumeFile] { fresh + retried + stale }

    /// Adds the reconciliation of another, disjoint selection.
    mutating func add(_ other: Reconciliation) {
        fresh += other.fresh
        retried += other.retried
        stale += other.stale
        touched += other.touched
        unchangedCount += other.unchangedCount
        gone += other.gone
        newCount += other.newCount
        changedCount += other.changedCount
        liveRows += other.liveRows
        previous.merge(other.previous) { first, _ in first }
    }
}

/// Compares a listing with the stored rows of the same scope as a sorted merge: the listing and
/// the stored rows both come in the byte order of the path, the rows a page at a time, so memory
/// holds the listing and one page, never the whole table. Paths compare byte for byte, so NFC and
/// NFD spellings of a name are different files.
package struct Reconciler: Sendable {
    private let files: [VolumeFile]
    private let excludeRules: ExcludeRules?
    /// The exclude rules' verdicts on folders, kept across pages.
    private var folderVerdicts: [Substring: ExcludeRule?] = [:]
    private let scope: VolumeScope
    private let selection: FolderSelection
    private let full: Bool
    private let rescan: RescanPolicy
    private let fingerprint: String?
    private let now: Date
    private var next = 0
    private var lastStored: PathKey?
    private var result = Reconciliation()

    /// `listing` holds the files of `selection` only; stored rows outside it are ignored. `full`
    /// reclassifies unchanged files too; `rescan` with the DXR rules now (`fingerprint`) says which
    /// unchanged files are due again.
    package init(
        listing: VolumeListing, scope: VolumeScope, selection: FolderSelection = .everything,
        full: Bool, rescan: RescanPolicy = .none, fingerprint: String? = nil, now: Date = Date()
    ) {
        files = listing.files
        self.selection = selection
        excludeRules = listing.excludeRules
        self.scope = scope
        self.full = full
        self.rescan = rescan
        self.fingerprint = fingerprint
        self.now = now
    }

    /// Merges the next page of stored rows, which must follow the previous ones in byte order.
    package mutating func consume(_ page: [StoredFileState]) throws(StoreOrderError) {
        for state in page {
            let key = PathKey(state.filePath)
            if let lastStored, !(lastStored < key) {
                throw StoreOrderError(previous: lastStored.path, next: state.filePath)
            }
            lastStored = key
            let relativePath = scope.relativePath(filePath: state.filePath)
            if !selection.recursive, !selection.contains(relativePath: relativePath) { continue }
            if state.deletedAt == nil { result.liveRows += 1 }
            let storedKey = PathKey(relativePath)
            while next < files.count, PathKey(files[next].relativePath) < storedKey {
                addNew(files[next])
                next += 1
            }
            if next < files.count, PathKey(files[next].relativePath) == storedKey {
                compare(files[next], with: state, key: key)
                next += 1
            } else if state.deletedAt == nil {
                let rule = excludeRules?.exclusion(ofFileAt: relativePath, folderVerdicts: &folderVerdicts)
                result.gone.append(Tombstone(filePath: state.filePath, reason: rule?.reason))
            }
        }
    }

    /// The result, once every stored row was consumed: the files after the last row are new.
    package mutating func finish() -> Reconciliation {
        while next < files.count {
            addNew(files[next])
            next += 1
        }
        return result
    }

    private mutating func addNew(_ file: VolumeFile) {
        result.newCount += 1
        result.fresh.append(file)
    }

    private mutating func compare(_ file: VolumeFile, with state: StoredFileState, key: PathKey) {
        let sameSize = state.fileSize == file.size && state.deletedAt == nil
        let unchanged = sameSize && state.modificationTime == file.modified.seconds
        let classified = state.status == .classified
        let current = classified && !rescan.isDue(state, fingerprint: fingerprint, now: now)
        if !unchanged {
            result.changedCount += 1
            if sameSize && current && state.sha256 != nil && !full {
                result.touched.append(file)
            } else {
                result.fresh.append(file)
            }
        } else if !classified {
            result.retried.append(file)
        } else if current && !full {
            result.unchangedCount += 1
            return
        } else {
            result.stale.append(file)
        }
        result.previous[key] = state
    }
}

extension Reconciler {
    /// Reconciles `listing` with the rows `store` holds under `scope` in `selections`, each selection's rows read a page at a time in path order.
    package static func reconcile(
        _ listing: VolumeListing, with store: any MetadataStore, scope: VolumeScope,
        selections: [FolderSelection] = [.everything], full: Bool, rescan: RescanPolicy,
        fingerprint: String?, now: Date
    ) async throws -> Reconciliation {
        var result = Reconciliation()
        let groups = selections.count == 1 ? [selections[0]: listing.files] : selections.files(of: listing.files)
        for selection in selections.sorted() {
            var part = listing
            part.files = groups[selection] ?? []
            var reconciler = Reconciler(
                listing: part, scope: scope, selection: selection, full: full, rescan: rescan,
                fingerprint: fingerprint, now: now)
            let prefix = scope.filePath(relativePath: selection.folder).trimmingSuffixSlash + "/"
            try await store.readStoredStates(under: prefix) { page in try reconciler.consume(page) }
            result.add(reconciler.finish())
        }
        return result
    }
}

extension String {
    /// Without the `/` a root selection's empty folder leaves at the end.
    fileprivate var trimmingSuffixSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}

/// The store handed back rows out of the byte order of `file_path` (a column collation other than
/// binary, for example): reconciling them would mistake stored files for new and gone ones.
package struct StoreOrderError: RunFailure, Sendable {
    package var previous: String
    package var next: String

    package var kind: FailureKind { .fatal }

    package var description: String {
        "the metadata store returned '\(next)' after '\(previous)', out of the byte order of file_path; "
            + "the table's file_path column must use binary (UTF8_BINARY) ordering. Nothing was uploaded or tombstoned."
    }
}
