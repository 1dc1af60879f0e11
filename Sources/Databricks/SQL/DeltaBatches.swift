import Foundation

/// Splits rows into JSON arrays of at most `maxRows` rows and about `maxBytes` bytes each (a
/// single larger row still travels alone).
enum DeltaBatches {
    /// One batch: its rows as a JSON array, and which of the rows they are.
    struct Batch {
        var json: String
        var rows: Range<Int>
    }

    static func split<Row: Encodable>(_ rows: [Row], maxRows: Int, maxBytes: Int) throws -> [Batch] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var batches: [Batch] = []
        var current: [Data] = []
        var start = 0
        var size = 2
        func close() {
            guard !current.isEmpty else { return }
            var data = Data("[".utf8)
            data.append(contentsOf: current.joined(separator: Data(",".utf8)))
            data.append(contentsOf: Data("]".utf8))
            batches.append(Batch(json: String(decoding: data, as: UTF8.self), rows: start..<(start + current.count)))
            start += current.count
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
