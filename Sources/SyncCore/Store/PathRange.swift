/// The `file_path`s under a prefix as a key range, so a store reads them with its index (SQLite)
/// or its file statistics (Delta): in byte order, every path that starts with `prefix` sorts at or
/// after `prefix` and before ``upperBound``.
package struct PathRange: Sendable, Hashable {
    package let prefix: String
    /// The prefix with its last byte raised by one (`/Volumes/c/s/v/` → `/Volumes/c/s/v0`).
    package let upperBound: String

    /// `prefix` must end in an ASCII character (the scope's paths end in `/`).
    package init(prefix: String) {
        self.prefix = prefix
        var bytes = Array(prefix.utf8)
        if let last = bytes.last, last < 0x7F {
            bytes[bytes.count - 1] = last + 1
        } else {
            bytes.append(0x7F)
        }
        upperBound = String(decoding: bytes, as: UTF8.self)
    }
}
