import Foundation

/// One stored row's cells, read by position in the order the query listed its columns: SQLite's
/// values of any storage class, and the Statement Execution API's `JSON_ARRAY` cells. Both stores
/// read rows through this one reader. Integers may arrive as text, arrays as JSON text,
/// timestamps as ISO-8601; a missing or malformed cell reads as NULL.
package protocol StoredCells {
    /// The cell's text, or `nil` for NULL.
    func text(at position: Int) -> String?
    /// The cell as a whole number; the default parses the text.
    func integer(at position: Int) -> Int64?
}

extension StoredCells {
    package func integer(at position: Int) -> Int64? {
        guard let text = text(at: position)?.trimmingBlanks() else { return nil }
        return Int64(text) ?? Double(text).flatMap { Int64(exactly: $0.rounded()) }
    }

    package func strings(at position: Int) -> [String] { StringListJSON.decode(text(at: position)) }

    package func date(at position: Int) -> Date? { text(at: position).flatMap(Timestamps.date) }

    func count(at position: Int) -> Int { integer(at: position).map { Int($0) } ?? 0 }

    func status(at position: Int) -> FileStatus { FileStatus(rawValue: text(at: position) ?? "") ?? .failed }
}

/// A row as the Statement Execution API and the Spark bridge deliver it.
extension Array: StoredCells where Element == String? {
    package func text(at position: Int) -> String? { position < count ? self[position] : nil }
}

private let epoch = Date(timeIntervalSince1970: 0)

extension FileRecord {
    /// A row read with the columns of ``MetadataSchema/columns``, in order.
    package init(cells: some StoredCells) {
        self.init(
            filePath: cells.text(at: 0) ?? "", relativePath: cells.text(at: 1) ?? "",
            catalogName: cells.text(at: 2) ?? "", schemaName: cells.text(at: 3) ?? "",
            volumeName: cells.text(at: 4) ?? "", fileSize: cells.integer(at: 5) ?? 0,
            modificationTime: cells.integer(at: 6) ?? 0, datasourceID: cells.text(at: 7),
            datasourceScanID: cells.integer(at: 8), jobID: cells.text(at: 9), labels: cells.strings(at: 10),
            tags: cells.strings(at: 11), categories: cells.strings(at: 12), rawMetadata: cells.text(at: 13),
            collectedAt: cells.date(at: 14), status: cells.status(at: 15), statusReason: cells.text(at: 16),
            attempts: cells.count(at: 17), dxrFileID: cells.text(at: 18), sha256: cells.text(at: 19),
            mimeType: cells.text(at: 20), annotators: cells.strings(at: 21),
            firstSeenAt: cells.date(at: 22) ?? epoch, deletedAt: cells.date(at: 23), runID: cells.text(at: 24) ?? "",
            lastAttemptAt: cells.date(at: 25), coverage: cells.text(at: 26).flatMap(Coverage.init(rawValue:)),
            classifierFingerprint: cells.text(at: 27), dxrRemovedLabels: cells.strings(at: 28))
    }
}

extension StoredFileState {
    /// A row read with ``columns``, in order.
    package init(cells: some StoredCells) {
        self.init(
            filePath: cells.text(at: 0) ?? "", fileSize: cells.integer(at: 1) ?? 0,
            modificationTime: cells.integer(at: 2) ?? 0, status: cells.status(at: 3), deletedAt: cells.date(at: 4),
            sha256: cells.text(at: 5), classifierFingerprint: cells.text(at: 6), collectedAt: cells.date(at: 7),
            labelsJSON: cells.text(at: 8), detectorsJSON: cells.text(at: 9))
    }
}

extension RunRecord {
    /// A ledger row read with the columns of ``MetadataSchema/ledgerColumns``, in order.
    package init(cells: some StoredCells) {
        var counts = RunCounts()
        counts.listed = cells.count(at: 5)
        counts.new = cells.count(at: 6)
        counts.changed = cells.count(at: 7)
        counts.unchanged = cells.count(at: 8)
        counts.gone = cells.count(at: 9)
        counts.submitted = cells.count(at: 10)
        counts.classified = cells.count(at: 11)
        counts.skipped = cells.count(at: 12)
        counts.failed = cells.count(at: 13)
        counts.bytesUploaded = cells.integer(at: 14) ?? 0
        counts.stale = cells.count(at: 19)
        counts.deferred = cells.count(at: 20)
        self.init(
            runID: cells.text(at: 0) ?? "", startedAt: cells.date(at: 1) ?? epoch, finishedAt: cells.date(at: 2),
            scope: cells.text(at: 3) ?? "", status: RunStatus(rawValue: cells.text(at: 4) ?? "") ?? .failed,
            counts: counts, dxrJobIDs: cells.strings(at: 15), exitCode: cells.integer(at: 16).map { Int($0) },
            error: cells.text(at: 17), classifierFingerprint: cells.text(at: 18))
    }
}
