import Glibc

/// A path as a key compared and ordered byte for byte. `String`'s own equality, hashing and
/// ordering follow Unicode canonical equivalence, which would make the NFC and NFD spellings of a
/// name one key; hashing `[UInt8]` arrays instead costs a hasher call per byte. This hashes the
/// UTF-8 bytes in one call, compares them exactly and orders them as `memcmp` does: the order of
/// the listing, of SQLite's `BINARY` collation and of Spark's strings.
package struct PathKey: Hashable, Comparable, Sendable {
    package let path: String

    package init(_ path: String) { self.path = path }

    package static func == (lhs: PathKey, rhs: PathKey) -> Bool {
        let compared = lhs.path.utf8.withContiguousStorageIfAvailable { left in
            rhs.path.utf8.withContiguousStorageIfAvailable { right in
                left.count == right.count
                    && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
        return (compared ?? nil) ?? lhs.path.utf8.elementsEqual(rhs.path.utf8)
    }

    package static func < (lhs: PathKey, rhs: PathKey) -> Bool {
        let ordered = lhs.path.utf8.withContiguousStorageIfAvailable { left in
            rhs.path.utf8.withContiguousStorageIfAvailable { right in
                let common = min(left.count, right.count)
                let compared = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
                return compared != 0 ? compared < 0 : left.count < right.count
            }
        }
        return (ordered ?? nil) ?? lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8)
    }

    package func hash(into hasher: inout Hasher) {
        let hashed: Void? = path.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
        }
        if hashed == nil {
            for byte in path.utf8 { hasher.combine(byte) }
        }
    }
}
