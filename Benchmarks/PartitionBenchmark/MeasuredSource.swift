import SyncCore
import Synchronization

/// A ``VolumeSource`` that times its listings and marks every file they return in a bitmap of the
/// tree's file numbers, so the benchmark can show that the parts of a plan list every file exactly
/// once (the bitmaps of all parts, put together).
final class MeasuredSource: VolumeSource {
    /// What the listings returned.
    struct Tally: Sendable {
        var calls = 0
        var files = 0
        var duration = Duration.zero
        /// Bit `i` is set when file `i` was listed; a file listed twice counts in ``repeats``.
        var listed: [UInt8]
        var repeats = 0
        /// Files listed beyond (or missing from) the tree's numbers for the selection.
        var mismatched = 0
    }

    let base: SyntheticVolumeSource
    let tally: Mutex<Tally>

    init(_ base: SyntheticVolumeSource) {
        self.base = base
        tally = Mutex(Tally(listed: [UInt8](repeating: 0, count: (base.tree.count + 7) / 8)))
    }

    var location: String { base.location }

    func list(_ selection: FolderSelection) async throws(VolumeSourceError) -> VolumeListing {
        let start = ContinuousClock.now
        let listing = try await base.list(selection)
        let duration = ContinuousClock.now - start
        // The tree numbers its files in path order, so a selection's files are one range of numbers.
        let numbers = base.tree.range(of: selection.folder, recursive: selection.recursive)
        tally.withLock { tally in
            tally.calls += 1
            tally.files += listing.files.count
            tally.duration += duration
            if numbers.count != listing.files.count { tally.mismatched += abs(numbers.count - listing.files.count) }
            for index in numbers {
                let (byte, bit) = index.quotientAndRemainder(dividingBy: 8)
                if tally.listed[byte] & (1 << bit) != 0 { tally.repeats += 1 }
                tally.listed[byte] |= 1 << bit
            }
        }
        return listing
    }

    func readSmallFile(at relativePath: String, limit: Int) async throws -> [UInt8]? {
        try await base.readSmallFile(at: relativePath, limit: limit)
    }

    func sample() async throws(VolumeSourceError) -> VolumeFile? { try await base.sample() }

    func open(_ file: VolumeFile) async throws(FileAccessError) -> any FileContents { try await base.open(file) }
}
