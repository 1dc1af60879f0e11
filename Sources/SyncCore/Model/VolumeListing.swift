/// Something found while listing that is not a file to classify.
package struct ListingProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of problem it is.
    package enum Kind: String, Sendable, Hashable, Codable {
        /// A folder could not be read; files below it may be missing from the listing.
        case unreadableDirectory = "unreadable_directory"
        /// An entry could not be examined (for example it vanished during the walk).
        case unreadableEntry = "unreadable_entry"
        /// A name that is not valid UTF-8 and so cannot be a row key.
        case unsupportedName = "unsupported_name"
        /// A `.dxrignore` file could not be read: its folder is left out, as what it excludes is unknown.
        case unreadableIgnoreFile = "unreadable_ignore_file"
    }

    package var kind: Kind
    /// The path relative to the scanned root (`.` for the root itself).
    package var path: String
    /// The system's explanation, for example "Permission denied".
    package var reason: String

    package init(kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    /// Whether this problem means files may be missing from the listing, so that deletions
    /// cannot be inferred from it.
    package var makesListingIncomplete: Bool { kind == .unreadableDirectory || kind == .unreadableIgnoreFile }

    package var description: String {
        switch kind {
        case .unreadableDirectory: "cannot read folder '\(path)': \(reason)"
        case .unreadableEntry: "cannot examine '\(path)': \(reason)"
        case .unsupportedName: "skipped '\(path)': \(reason)"
        case .unreadableIgnoreFile: "cannot read the ignore file '\(path)': \(reason)"
        }
    }
}

/// The result of listing a volume: its files in a deterministic order, and what went wrong.
package struct VolumeListing: Sendable, Hashable {
    /// Regular files, sorted by the bytes of their relative path.
    package var files: [VolumeFile]
    /// Problems met while listing.
    package var problems: [ListingProblem]
    /// Entries that are deliberately not classified: symbolic links, FIFOs, sockets, devices.
    package var ignoredEntries: Int
    /// The folders directly inside a folder listed without its subfolders (``FolderSelection``
    /// `folder/*`), relative to the root: what the partition planner splits a folder into.
    package var subfolders: [String] = []
    /// The files the exclude rules left out, counted per rule in the order the rules apply.
    package var excluded: [ExclusionTally] = []
    /// The rules applied (``ExcludeFilter``), so reconciliation can tell excluded files from deleted ones.
    package var excludeRules: ExcludeRules?

    /// Sorts `files` by path unless the source already produced them in that order.
    package init(
        files: [VolumeFile], problems: [ListingProblem] = [], ignoredEntries: Int = 0, subfolders: [String] = [],
        alreadySortedByPath: Bool = false
    ) {
        self.files = alreadySortedByPath ? files : files.sortedByPath()
        self.subfolders = subfolders
        self.problems = problems
        self.ignoredEntries = ignoredEntries
    }

    /// Whether every folder was read, so files absent from the listing are really gone.
    package var isComplete: Bool { !problems.contains(where: \.makesListingIncomplete) }

    /// The total size of all files.
    package var totalBytes: Int64 { files.reduce(0) { $0 + $1.size } }

    /// The listings of disjoint selections as one, the files in path order (sorted once).
    package init(merging listings: [VolumeListing]) {
        self.init(
            files: listings.flatMap(\.files), problems: listings.flatMap(\.problems),
            ignoredEntries: listings.reduce(0) { $0 + $1.ignoredEntries }, subfolders: listings.flatMap(\.subfolders))
    }
}

extension Array where Element == VolumeFile {
    /// Sorted by the UTF-8 bytes of the relative path. Byte order, unlike `String` comparison,
    /// never treats two different names (NFC and NFD forms) as equal.
    func sortedByPath() -> [VolumeFile] {
        sorted { PathKey($0.relativePath) < PathKey($1.relativePath) }
    }
}
