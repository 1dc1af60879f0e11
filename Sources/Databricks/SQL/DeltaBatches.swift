import Foundation

/// Splits rows into JSON arrays of at most `maxRows` rows and about `maxBytes` bytes each (a
/// single larger row still travels alone).
enum DeltaBatches {
    static func split<Row: Encodable>(_ rows: [Row], maxRows: Int, maxBytes: Int) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var batches: [String] = []
        var current: [Data] = []
        var size = 2
        func close() {
            guard !current.isEmpty else { return }
            var data = Data("[".utf8)
            data.append(contentsOf: current.joined(separator: Data(",".utf8)))
            data.append(contentsOf: Data("]".utf8))
            batches.append(String(decoding: data, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
            size = 2
        }
        for row in rows {
            let encoded = try encoder.encode(row)
            if !current.isEmpty && (current.count >= maxRows || size + encoded.count + 1 > maxBytes) { close() }
            current.append(encoded)
            size += encoded.count + 1
        }
        close()
        return batches
    }
}
