import SyncCore
import Synchronization

/// The bytes of a synthetic file: numbered lines of text (every seventh file mentions an e-mail
/// address, so the emulator finds something), generated as they are read.
final class SyntheticFileContents: FileContents {
    private let index: Int
    private let size: Int64
    private let offset = Mutex<Int64>(0)

    init(index: Int, size: Int64) {
        self.index = index
        self.size = size
    }

    func read(maxLength: Int) async throws -> [UInt8] {
        offset.withLock { offset in
            let count = Int(min(Int64(maxLength), size - offset))
            let bytes = Self.bytes(of: index, from: offset, count: count)
            offset += Int64(count)
            return bytes
        }
    }

    func changeSinceListing() async -> String? { nil }

    func close() async {}

    /// `count` bytes of file `index` from `offset` on.
    static func bytes(of index: Int, from offset: Int64, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        let line = Array(
            (index % 7 == 0 ? "file \(index): contact person\(index)@example.com\n" : "file \(index): nothing\n").utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        var position = Int(offset % Int64(line.count))
        while bytes.count < count {
            let take = min(line.count - position, count - bytes.count)
            bytes += line[position..<position + take]
            position = 0
        }
        return bytes
    }
}
