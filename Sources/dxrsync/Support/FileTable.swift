import SyncCore

/// A per-file table for people: path, status, labels, detectors.
enum FileTable {
    static func render(_ records: [FileRecord]) -> String {
        let rows = records.map { record in
            [
                record.relativePath.replacingNewlines(), record.deletedAt == nil ? record.status.rawValue : "DELETED",
                record.labels.joined(separator: ", "), record.annotators.joined(separator: ", "),
            ]
        }
        let header = ["path", "status", "labels", "detectors"]
        let widths = (0..<header.count).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            var text = zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(
                separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(
            separator: "\n")
    }
}

extension String {
    fileprivate func replacingNewlines() -> String { String(map { $0 == "\n" ? "⏎" : $0 }) }
}
