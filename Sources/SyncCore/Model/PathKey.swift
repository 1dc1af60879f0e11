import Glibc

/// A path as a dictionary key compared byte for byte. `String`'s own equality and hashing follow
/// Unicode canonical equivalence, which would make the NFC and NFD spellings of a name one key;
/// hashing `[UInt8]` arrays instead costs a hasher call per byte. This hashes the UTF-8 bytes in
/// one call and compares them exactly.
public struct PathKey: Hashable, Sendable {
    public let path: String

    public init(_ path: String) { self.path = path }

    public static func == (lhs: PathKey, rhs: PathKey) -> Bool {
        let compared = lhs.path.utf8.withContiguousStorageIfAvailable { left in
            rhs.path.utf8.withContiguousStorageIfAvailable { right in
                left.count == right.count
                    && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
        return (compared ?? nil) ?? lhs.path.utf8.elementsEqual(rhs.path.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        let hashed: Void? = path.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
        }
        if hashed == nil {
            for byte in path.utf8 { hasher.combine(byte) }
        }
    }
}
