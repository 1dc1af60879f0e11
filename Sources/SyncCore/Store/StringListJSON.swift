import Foundation

/// A list of strings as JSON text, the embedded store's encoding of `ARRAY<STRING>` columns (and
/// how the Statement Execution API returns them). The text is written by hand, as it is for
/// three columns of every row written; it is decoded only for the rows that need their names.
package enum StringListJSON {
    /// The strings of a JSON array (nulls dropped); `[]` for NULL or text that is not one.
    package static func decode(_ text: String?) -> [String] {
        guard let text, text != "[]" else { return [] }
        return (try? JSONDecoder().decode([String?].self, from: Data(text.utf8)))?.compactMap { $0 } ?? []
    }

    package static func text(_ values: [String]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes += [92, 34]
                case UInt8(ascii: "\\"): bytes += [92, 92]
                case 0x0A: bytes += [92, UInt8(ascii: "n")]
                case 0x0D: bytes += [92, UInt8(ascii: "r")]
                case 0x09: bytes += [92, UInt8(ascii: "t")]
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
