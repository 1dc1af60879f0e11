import Foundation
import SyncCore
import TestSupport

/// The rows and runs a `DXRSYNC_SCOPE=/Volumes/main` estate writes into one table, four volumes
/// of the catalog `main`: `hr/docs` with findings, `finance/invoices` with a finding and a failure,
/// `hr/scans` that DXR skipped or failed entirely, and `finance/ledger` clean and never run; a
/// deleted row that no figure counts; ledger rows of each volume, of a folder and a part of one,
/// and of `hr/docs2`, a volume whose name starts with another's.
enum EstateRows {
    static let when = Date(timeIntervalSince1970: 1_790_000_000)

    /// The volumes, in path order.
    static let volumes = [
        "/Volumes/main/finance/invoices", "/Volumes/main/finance/ledger", "/Volumes/main/hr/docs",
        "/Volumes/main/hr/scans",
    ]

    /// A row of the file at `path` (`/Volumes/<catalog>/<schema>/<volume>/…`).
    static func row(_ path: String, _ status: FileStatus, labels: [String] = [], size: Int64) -> FileRecord {
        let parts = path.split(separator: "/").map(String.init)
        let coverage: Coverage =
            switch status {
            case .classified: labels.isEmpty ? .noFindings : .withFindings
            case .skipped: .skipped
            case .failed: .failed
            }
        return FileRecord(
            filePath: path, relativePath: parts.dropFirst(4).joined(separator: "/"), catalogName: parts[1],
            schemaName: parts[2], volumeName: parts[3], fileSize: size, modificationTime: 1_700_000_000,
            labels: labels, collectedAt: status == .classified ? when : nil, status: status, attempts: 1,
            sha256: SHA256Hex.of(path), annotators: labels.isEmpty ? [] : ["Email"], firstSeenAt: when,
            runID: "estate-1", coverage: coverage)
    }

    static let records = [
        row("/Volumes/main/finance/invoices/2024/inv-1.csv", .classified, labels: ["PCI"], size: 2_048),
        row("/Volumes/main/finance/invoices/2024/inv-2.csv", .failed, size: 1_024),
        row("/Volumes/main/finance/ledger/l1.txt", .classified, size: 300),
        row("/Volumes/main/finance/ledger/l2.txt", .classified, size: 300),
        row("/Volumes/main/finance/ledger/l3.txt", .classified, size: 300),
        row("/Volumes/main/finance/ledger/old.txt", .classified, labels: ["PII"], size: 5_000),
        row("/Volumes/main/hr/docs/a.txt", .classified, labels: ["PII"], size: 500),
        row("/Volumes/main/hr/docs/b.txt", .classified, labels: ["PII", "PCI"], size: 700),
        row("/Volumes/main/hr/docs/c.txt", .classified, size: 200),
        row("/Volumes/main/hr/scans/big.pdf", .skipped, size: 900_000_000),
        row("/Volumes/main/hr/scans/broken.docx", .failed, size: 4_096),
    ]

    /// Ledger rows: `(scope, status, minutes after ``when``)`.
    static let runs: [(scope: String, status: RunStatus, minutes: Double)] = [
        ("/Volumes/main/hr/docs", .failed, 0),
        ("/Volumes/main/hr/docs", .succeeded, 60),
        ("/Volumes/main/hr/docs2", .failed, 120),
        ("/Volumes/main/hr/scans (part a/**)", .finishedWithFailures, 30),
        ("/Volumes/main/finance/invoices/2024", .finishedWithFailures, 10),
    ]

    /// Writes the rows, tombstones `finance/ledger/old.txt` and records the runs.
    static func write(into store: any MetadataStore) async throws {
        try await store.prepare()
        try await store.upsert(records)
        try await store.tombstone(
            [Tombstone(filePath: "/Volumes/main/finance/ledger/old.txt")], at: when, runID: "estate-2")
        for (index, run) in runs.enumerated() {
            let start = when.addingTimeInterval(run.minutes * 60)
            try await store.recordRun(
                RunRecord(
                    runID: "run-\(index)", startedAt: start, finishedAt: start.addingTimeInterval(30), scope: run.scope,
                    status: run.status, exitCode: run.status == .succeeded ? 0 : 1))
        }
    }
}
