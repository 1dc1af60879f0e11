/// One part of a partitioned scope: disjoint folder selections, with the files and bytes they held
/// when the plan was made. ``value`` is what `DXRSYNC_PART` takes.
package struct ScopePart: Sendable, Hashable, Encodable {
    package var selections: [FolderSelection]
    package var files: Int
    package var bytes: Int64

    /// The `DXRSYNC_PART` value: a JSON array of the selections.
    package var value: String { (try? SortedJSON.text(selections.map(\.description))) ?? "[]" }

    enum CodingKeys: String, CodingKey {
        case selections, files, bytes, value
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(selections.map(\.description), forKey: .selections)
        try container.encode(files, forKey: .files)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(value, forKey: .value)
    }
}

/// Splits a scope into parts of about equal files and bytes, as sets of folder selections that
/// together cover the scope exactly once, so that running every part writes the table one run over
/// the whole scope writes.
///
/// The heaviest folder above a part's share is split into its own files (`folder/*`) and its
/// subfolders (each `sub/**`), down as far as needed; the selections are then dealt to the parts,
/// heaviest first, each to the lightest part so far. Subfolders come from a shallow listing of the
/// folder being split (`subfolders`), so a folder the counts have never seen is still covered, and
/// from the counts, so a folder deleted since keeps a part that tombstones its rows.
package struct PartitionPlanner: Sendable {
    package let count: Int

    package init(count: Int) { self.count = max(1, count) }

    /// The parts, at most ``count`` (fewer when the scope has fewer folders to deal out).
    package func plan(_ tree: FolderTree, subfolders: (String) async throws -> [String]) async rethrows
        -> [ScopePart]
    {
        let total = tree.total
        func weight(_ count: FolderTree.Count) -> Double {
            let files = total.files > 0 ? Double(count.files) / Double(total.files) : 0
            let bytes = total.bytes > 0 ? Double(count.bytes) / Double(total.bytes) : 0
            return files + bytes
        }
        func counted(_ selection: FolderSelection) -> FolderTree.Count {
            selection.recursive ? tree[selection.folder].total : tree[selection.folder].own
        }
        let share = weight(total) / Double(count)
        var selections = [FolderSelection.everything]
        var done: [FolderSelection] = []
        while count > 1,
            let heaviest = selections.indices.max(by: {
                weight(counted(selections[$0])) < weight(counted(selections[$1]))
            })
        {
            let selection = selections[heaviest]
            guard weight(counted(selection)) > share, selection.recursive else { break }
            selections.remove(at: heaviest)
            // The folders listed now and those the counts know: a folder deleted since the last
            // run still has rows, and its part must see it gone to tombstone them.
            let children = Set(try await subfolders(selection.folder)).union(tree[selection.folder].subfolders)
                .sorted { PathKey($0) < PathKey($1) }
            guard !children.isEmpty else {
                done.append(selection)
                continue
            }
            selections.append(FolderSelection(folder: selection.folder, recursive: false))
            selections += children.map { FolderSelection(folder: $0, recursive: true) }
        }
        var parts = [ScopePart](repeating: ScopePart(selections: [], files: 0, bytes: 0), count: count)
        var weights = [Double](repeating: 0, count: count)
        let ordered = (selections + done).sorted {
            let (left, right) = (weight(counted($0)), weight(counted($1)))
            return left == right ? $0 < $1 : left > right
        }
        for selection in ordered {
            let lightest = weights.indices.min { weights[$0] < weights[$1] }!
            let counted = counted(selection)
            parts[lightest].selections.append(selection)
            parts[lightest].files += counted.files
            parts[lightest].bytes += counted.bytes
            weights[lightest] += weight(counted)
        }
        return parts.filter { !$0.selections.isEmpty }.map {
            var part = $0
            part.selections.sort()
            return part
        }
    }
}
