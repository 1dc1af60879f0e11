/// Files and bytes per folder of a scope, gathered from the table's live rows or from a listing,
/// without keeping the paths: what the partition planner weighs folders by.
package struct FolderTree: Sendable {
    /// Files and bytes.
    package struct Count: Sendable, Hashable {
        package var files = 0
        package var bytes: Int64 = 0

        mutating func add(size: Int64) {
            files += 1
            bytes += size
        }
    }

    /// One folder: its own files, everything below it, and its subfolders.
    package struct Folder: Sendable {
        package var own = Count()
        package var total = Count()
        package var subfolders: Set<String> = []
    }

    /// Folder (relative to the scope's root, `""` for it) → its counts.
    private(set) var folders: [String: Folder] = ["": Folder()]

    package init() {}

    /// The counts of `folder`; empty for a folder no file was seen in.
    package subscript(_ folder: String) -> Folder { folders[folder] ?? Folder() }

    /// Everything counted.
    package var total: Count { self[""].total }

    /// Counts the file at `relativePath` in its folder and every folder above it.
    package mutating func add(relativePath: String, size: Int64) {
        var parent = ""
        folders[parent, default: Folder()].total.add(size: size)
        let segments = relativePath.split(separator: "/")
        for segment in segments.dropLast() {
            let folder = parent.isEmpty ? String(segment) : parent + "/" + segment
            folders[parent, default: Folder()].subfolders.insert(folder)
            folders[folder, default: Folder()].total.add(size: size)
            parent = folder
        }
        folders[parent, default: Folder()].own.add(size: size)
    }
}
