/// How many listed files and bytes one rule left out, for `plan` and the run summary.
package struct ExclusionTally: Sendable, Hashable, Encodable {
    package var pattern: String
    /// `DXRSYNC_EXCLUDE`, or the ignore file and line.
    package var origin: String
    package var files: Int
    package var bytes: Int64
}

/// Leaves out of a listing what the exclude rules name: reads the `.dxrignore` files the listing
/// holds (through the source, so the local mount and the Files API alike), shallowest first and
/// never one inside an excluded folder, then drops every excluded file and counts it under the rule
/// that excluded it. The rules stay with the listing, so reconciliation can tell a file that
/// became excluded from one that was deleted.
package struct ExcludeFilter: Sendable {
    /// Ignore files are read whole; a larger one is a listing problem.
    static let maxIgnoreFileBytes = 1_048_576

    let rules: ExcludeRules
    let scope: VolumeScope

    package init(patterns: [GlobPattern], scope: VolumeScope) {
        rules = ExcludeRules(setting: patterns, prefix: scope.prefix)
        self.scope = scope
    }

    /// The listing of `selections` without its excluded files. The ignore files read are those in
    /// the listing and those of the folders above each selection (not listed, but in force). A
    /// malformed ignore file stops the run (``ExcludeFileError``); one that cannot be read leaves
    /// its folder out and the listing incomplete, so nothing under it is uploaded or tombstoned on a
    /// guess.
    package func apply(
        to listing: VolumeListing, of selections: [FolderSelection] = [.everything],
        reading source: any VolumeSource
    ) async throws(ExcludeFileError) -> VolumeListing {
        var rules = rules
        var unreadable: [String] = []
        var result = listing
        let listed = listing.files.filter { $0.name == ExcludeRules.ignoreFileName }.map(\.folder)
        let folders = Set(listed + selections.flatMap { $0.folder.ancestorFolders })
            .sorted { ($0.depth, PathKey($0)) < ($1.depth, PathKey($1)) }
        result.excludeRules = rules
        if folders.isEmpty && rules.isEmpty { return result }
        for folder in folders {
            guard rules.exclusion(ofFolderAt: folder) == nil,
                !unreadable.contains(where: { folder.isInside(folder: $0) })
            else { continue }
            let path = folder.isEmpty ? ExcludeRules.ignoreFileName : folder + "/" + ExcludeRules.ignoreFileName
            let bytes: [UInt8]?
            do {
                bytes = try await source.readSmallFile(at: path, limit: Self.maxIgnoreFileBytes)
            } catch {
                unreadable.append(folder)
                result.problems.append(
                    ListingProblem(
                        kind: .unreadableIgnoreFile, path: path,
                        reason: "\(error); nothing below its folder was classified or tombstoned"))
                continue
            }
            guard let bytes else { continue }
            try rules.addIgnoreFile(
                in: folder, text: String(decoding: bytes, as: UTF8.self), origin: scope.filePath(relativePath: path))
        }
        var tallies: [ExcludeRule: ExclusionTally] = [:]
        var verdicts: [Substring: ExcludeRule?] = [:]
        result.files = listing.files.filter { file in
            if unreadable.contains(where: { file.relativePath.isInside(folder: $0) }) { return false }
            guard let rule = rules.exclusion(ofFileAt: file.relativePath, folderVerdicts: &verdicts) else {
                return true
            }
            tallies[rule, default: ExclusionTally(pattern: rule.pattern.text, origin: rule.origin, files: 0, bytes: 0)]
                .add(file)
            return false
        }
        let order = [ExcludeRules.ignoreFileRule] + rules.all
        result.excluded = order.compactMap { tallies[$0] }
        result.excludeRules = rules
        return result
    }
}

extension ExclusionTally {
    fileprivate mutating func add(_ file: VolumeFile) {
        files += 1
        bytes += file.size
    }
}

extension VolumeFile {
    /// The last path segment.
    fileprivate var name: Substring { relativePath.split(separator: "/").last ?? "" }
}

extension String {
    /// The folders above this folder, the root (`""`) first; none for the root itself.
    fileprivate var ancestorFolders: [String] {
        guard !isEmpty else { return [] }
        let parts = split(separator: "/")
        return (0..<parts.count).map { parts[..<$0].joined(separator: "/") }
    }

    /// Slashes in the path: 0 for the root and its direct entries.
    fileprivate var depth: Int { isEmpty ? -1 : utf8.count { $0 == UInt8(ascii: "/") } }

    /// Whether this path is `folder` or below it, byte for byte (`""` holds every path).
    fileprivate func isInside(folder: String) -> Bool {
        folder.isEmpty || utf8.elementsEqual(folder.utf8) || utf8.starts(with: (folder + "/").utf8)
    }
}

extension VolumeSource {
    /// Lists the volume, leaves out what the exclude patterns and `.dxrignore` files name, and keeps
    /// in `selections`: what a sync and a plan work from.
    package func listing(
        of scope: VolumeScope, selections: [FolderSelection] = [.everything], excluding patterns: [GlobPattern]
    ) async throws -> VolumeListing {
        var listings: [VolumeListing] = []
        for selection in selections.sorted() { listings.append(try await list(selection)) }
        let listing = listings.count == 1 ? listings[0] : VolumeListing(merging: listings)
        return try await ExcludeFilter(patterns: patterns, scope: scope).apply(
            to: listing, of: selections, reading: self
        )
    }
}
