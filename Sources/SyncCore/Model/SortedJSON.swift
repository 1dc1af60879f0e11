import Foundation

/// JSON with sorted keys and unescaped slashes: stable output for machines, diffs and tests.
package enum SortedJSON {
    /// The encoded bytes.
    package static func data(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// The encoded text.
    package static func text(_ value: some Encodable) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }
}
