/// One of `count` disjoint parts of a volume, for running several syncs side by side
/// (`DXRSYNC_SHARD=i/n`). A file belongs to the shard its relative path hashes to (FNV-1a over the
/// path's UTF-8 bytes), so the split is stable across runs, machines and processes.
package struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based: shards are numbered `1...count`.
    package let index: Int
    package let count: Int

    package init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Reads `i/n` with `1 ≤ i ≤ n ≤ 1024`.
    package init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count <= 1_024 else {
            return nil
        }
        self.init(index: index, count: count)
    }

    package var description: String { "\(index)/\(count)" }

    /// Whether the file at `relativePath` belongs to this shard.
    package func contains(relativePath: String) -> Bool {
        Int(Self.hash(relativePath) % UInt64(count)) == index - 1
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
