/// One folder of a run's scope: everything below it (`raw/2024/**`), or only the files directly in
/// it (`raw/*`), so a folder too large for one part can be split into its own files and its
/// subfolders. A part of a partitioned run is a set of disjoint selections (``ScopePart``).
package struct FolderSelection: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The folder relative to the scope's root, without leading or trailing `/`; `""` is the root.
    package var folder: String
    /// Everything below the folder, or only the files directly in it.
    package var recursive: Bool

    package init(folder: String, recursive: Bool) {
        self.folder = folder
        self.recursive = recursive
    }

    /// The whole scope.
    package static let everything = FolderSelection(folder: "", recursive: true)

    /// Reads `folder/**`, `folder/*`, `**` or `*`.
    package init?(parsing text: String) {
        let recursive = text == "**" || text.hasSuffix("/**")
        guard recursive || text == "*" || text.hasSuffix("/*") else { return nil }
        let folder = String(text.dropLast(recursive ? 2 : 1)).trimmingSuffix("/")
        guard !folder.hasPrefix("/"), !folder.contains("//"),
            !folder.split(separator: "/").contains(where: { $0 == "." || $0 == ".." || $0.contains("*") })
        else { return nil }
        self.init(folder: folder, recursive: recursive)
    }

    package var description: String {
        let mark = recursive ? "**" : "*"
        return folder.isEmpty ? mark : folder + "/" + mark
    }

    /// Whether the file at `relativePath` (relative to the scope's root) is in this selection.
    package func contains(relativePath: String) -> Bool {
        guard folder.isEmpty || relativePath.utf8.starts(with: (folder + "/").utf8) else { return false }
        let rest = relativePath.utf8.dropFirst(folder.isEmpty ? 0 : folder.utf8.count + 1)
        return recursive || !rest.contains(UInt8(ascii: "/"))
    }

    /// Whether no file can be in both: a folder's own files and its subfolders are disjoint, a
    /// whole folder and anything inside it are not.
    package func isDisjoint(with other: FolderSelection) -> Bool {
        if folder == other.folder { return false }
        let nested = [(self, other), (other, self)].first { PathKey($0.0.folder).isAncestor(of: PathKey($0.1.folder)) }
        guard let (outer, _) = nested else { return true }
        return !outer.recursive
    }

    /// Ordered by folder bytes, the folder's own files before the whole folder.
    package static func < (left: FolderSelection, right: FolderSelection) -> Bool {
        left.folder == right.folder ? !left.recursive && right.recursive : PathKey(left.folder) < PathKey(right.folder)
    }
}

extension Array where Element == FolderSelection {
    /// The files each selection holds, in their order, found in one pass: a file belongs to the
    /// selection of its own folder's files, or else to the nearest folder above it taken whole.
    package func files(of files: [VolumeFile]) -> [FolderSelection: [VolumeFile]] {
        let selections = Set(self)
        var groups: [FolderSelection: [VolumeFile]] = [:]
        for file in files {
            var folder = file.folder
            var owner: FolderSelection? = nil
            let own = FolderSelection(folder: folder, recursive: false)
            if selections.contains(own) { owner = own }
            while owner == nil {
                let whole = FolderSelection(folder: folder, recursive: true)
                if selections.contains(whole) {
                    owner = whole
                } else if folder.isEmpty {
                    break
                } else {
                    folder = folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? ""
                }
            }
            if let owner { groups[owner, default: []].append(file) }
        }
        return groups
    }
}

extension VolumeFile {
    /// The folder holding the file, relative to the listed root (`""` for the root itself).
    package var folder: String {
        relativePath.lastIndex(of: "/").map { String(relativePath[..<$0]) } ?? ""
    }
}

extension PathKey {
    /// Whether the folder `self` holds the folder `other` somewhere below it (`""` holds every other).
    fileprivate func isAncestor(of other: PathKey) -> Bool {
        path.isEmpty ? !other.path.isEmpty : other.path.utf8.starts(with: (path + "/").utf8)
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
