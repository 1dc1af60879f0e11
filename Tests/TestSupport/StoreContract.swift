import Foundation
import SyncCore
import Testing

/// Behaviour both stores must share, run against each (SQLite in a temporary folder, Delta on the
/// workspace stand-in), so the two keep the same rules.
package enum StoreContract {
    package static let scope = VolumeScope(catalog: "c", schema: "s", volume: "v")

    /// A classified row at `relative` with `labels`.
    package static func record(
        _ relative: String, status: FileStatus = .classified, labels: [String] = ["PII"], size: Int64 = 3,
        runID: String = "r1", at seconds: TimeInterval = 20
    ) -> FileRecord {
        FileRecord(
            filePath: scope.filePath(relativePath: relative), relativePath: relative, catalogName: "c",
            schemaName: "s", volumeName: "v", fileSize: size, modificationTime: 100, datasourceID: "1",
            datasourceScanID: 7, jobID: "job-1", labels: labels, tags: labels.map { "id-" + $0 }, categories: ["HR"],
            rawMetadata: #"{"dxr#file_name":"x"}"#,
            collectedAt: status == .classified ? Date(timeIntervalSince1970: seconds) : nil, status: status,
            attempts: 1, dxrFileID: "f", sha256: "ab", mimeType: "text/plain", annotators: ["Email address"],
            firstSeenAt: Date(timeIntervalSince1970: 10), runID: runID,
            lastAttemptAt: Date(timeIntervalSince1970: seconds),
            coverage: status == .classified ? (labels.isEmpty ? .noFindings : .withFindings) : .failed,
            classifierFingerprint: "rules-1")
    }

    /// A failed, skipped or interrupted attempt keeps the last good classification (labels, tags,
    /// categories, raw metadata, scan and job ids, `collected_at`) and records only the attempt;
    /// a new classification replaces it.
    package static func keepsTheLastGoodClassification(_ store: some MetadataStore) async throws {
        try await store.prepare()
        try await store.upsert([record("a.txt", labels: ["PII", "PCI"])])
        var failed = record("a.txt", status: .failed, labels: [], size: 4, runID: "r2", at: 300)
        failed.statusReason = "interrupted before DXR answered"
        failed.datasourceScanID = nil
        failed.jobID = nil
        failed.rawMetadata = nil
        failed.attempts = 0
        try await store.upsert([failed])
        var skipped = failed
        skipped.status = .skipped
        skipped.statusReason = "too big"
        skipped.lastAttemptAt = nil
        skipped.runID = "r3"
        try await store.upsert([skipped])
        let kept = try #require(try await store.records(under: scope.rootPath + "/", limit: 10).first)
        #expect(kept.status == .skipped && kept.statusReason == "too big" && kept.runID == "r3")
        #expect(kept.labels == ["PII", "PCI"] && kept.tags == ["id-PII", "id-PCI"] && kept.categories == ["HR"])
        #expect(kept.rawMetadata == #"{"dxr#file_name":"x"}"# && kept.datasourceScanID == 7 && kept.jobID == "job-1")
        #expect(kept.collectedAt == Date(timeIntervalSince1970: 20))
        #expect(kept.fileSize == 4 && kept.attempts == 1)
        #expect(kept.lastAttemptAt == Date(timeIntervalSince1970: 300))
        #expect(kept.firstSeenAt == Date(timeIntervalSince1970: 10))

        try await store.upsert([record("a.txt", labels: ["Financial"], runID: "r4", at: 400)])
        let replaced = try #require(try await store.records(under: scope.rootPath + "/", limit: 10).first)
        #expect(replaced.status == .classified && replaced.labels == ["Financial"] && replaced.attempts == 2)
        #expect(replaced.collectedAt == Date(timeIntervalSince1970: 400))
    }

    /// The report is aggregated in SQL: files and bytes by status, label and detector, folders,
    /// and at most `filesPerLabel` files per label with a count of the rest.
    package static func computesTheReportInSQL(_ store: some MetadataStore) async throws {
        try await store.prepare()
        var rows = (0..<5).map { record("hr/people/p\($0).txt", labels: ["PII"]) }
        rows.append(record("finance/pay.txt", labels: ["PCI", "Financial"]))
        rows.append(record("root.txt", labels: []))
        rows.append(record("hr/broken.txt", status: .failed, labels: []))
        rows.append(
            FileRecord(
                filePath: "/Volumes/c/s/vx/other.txt", relativePath: "other.txt", catalogName: "c", schemaName: "s",
                volumeName: "vx", fileSize: 1, modificationTime: 1, labels: ["PII"], collectedAt: nil,
                status: .classified, firstSeenAt: Date(), runID: "r"))
        try await store.upsert(rows)
        try await store.tombstone(
            [Tombstone(filePath: scope.filePath(relativePath: "root.txt"))], at: Date(), runID: "r")
        let report = try await store.report(ReportQuery(scope: scope.rootPath, filesPerLabel: 2, runs: 5))
        #expect(report.files == 7 && report.deleted == 1 && report.bytes == 21)
        #expect(report.byStatus["CLASSIFIED"] == StoreReport.Tally(files: 6, bytes: 18))
        #expect(report.byStatus["FAILED"]?.files == 1)
        #expect(report.byLabel["PII"] == StoreReport.Tally(files: 5, bytes: 15))
        #expect(report.byLabel["PCI"]?.files == 1)
        #expect(report.byDetector["Email address"]?.files == 7)
        #expect(report.byCategory["HR"]?.files == 7)
        #expect(
            report.filesByLabel["PII"]
                == StoreReport.LabelFiles(files: ["hr/people/p0.txt", "hr/people/p1.txt"], more: 3))
        #expect(report.filesByLabel["PCI"] == StoreReport.LabelFiles(files: ["finance/pay.txt"], more: 0))
        // The first two files overall and the first two of each label, with all their labels.
        #expect(report.filesWithFindings.total == 6 && report.filesWithFindings.more == 3)
        #expect(
            report.filesWithFindings.files == [
                StoreReport.Finding(path: "finance/pay.txt", bytes: 3, labels: ["PCI", "Financial"]),
                StoreReport.Finding(path: "hr/people/p0.txt", bytes: 3, labels: ["PII"]),
                StoreReport.Finding(path: "hr/people/p1.txt", bytes: 3, labels: ["PII"]),
            ])
        let folders = Dictionary(uniqueKeysWithValues: report.folders.map { ($0.path, $0) })
        #expect(folders[""]?.files == 7)
        #expect(folders["hr"]?.files == 6 && folders["hr"]?.withFindings == 5 && folders["hr"]?.failed == 1)
        #expect(folders["hr/people"]?.classified == 5)
        #expect(folders["finance"]?.withFindings == 1)
        #expect(report.text.contains("PII: 5 files"))
        #expect(report.text.contains("and 3 more"))
    }

    /// Stored states come in pages, in the byte order of the path, NFC and NFD spellings apart.
    package static func readsStoredStatesInByteOrder(_ store: some MetadataStore, count: Int) async throws
        -> [[StoredFileState]]
    {
        try await store.prepare()
        let names =
            (0..<count).map { "d\($0 % 7)/f\($0).txt" } + ["B.txt", "a.txt", "\u{E9}.txt", "e\u{301}.txt", "z/y.txt"]
        try await store.upsert(names.map { record($0) })
        var pages: [[StoredFileState]] = []
        try await store.readStoredStates(under: scope.rootPath + "/") { pages.append($0) }
        let paths = pages.flatMap { $0 }.map(\.filePath)
        #expect(paths.count == names.count)
        #expect(paths == names.map { scope.filePath(relativePath: $0) }.sorted { PathKey($0) < PathKey($1) })
        return pages
    }

    /// The label history goes in with the rows; reports read it back by date.
    package static func keepsTheLabelHistory(_ store: some MetadataStore) async throws {
        try await store.prepare()
        let path = scope.filePath(relativePath: "a.txt")
        let monday = Date(timeIntervalSince1970: 1_800_000_000)
        let added = LabelEvent.changes(from: nil, to: record("a.txt", labels: ["PII"]), at: monday)
        try await store.upsert([record("a.txt", labels: ["PII"])], events: added)
        let friday = monday.addingTimeInterval(4 * 86_400)
        var later = record("a.txt", labels: ["PCI"], runID: "r2")
        later.annotators = ["Payment card number"]
        let changed = LabelEvent.changes(from: (["PII"], ["Email address"]), to: later, at: friday)
        #expect(
            Set(changed.map { "\($0.change.rawValue) \($0.item)" }) == [
                "ADDED PCI", "REMOVED PII", "ADDED Payment card number", "REMOVED Email address",
            ])
        try await store.upsert([later], events: changed)
        let week = try await store.report(ReportQuery(scope: scope.rootPath, since: friday.addingTimeInterval(-86_400)))
        #expect(week.changes?.added == ["PCI": 1])
        #expect(week.changes?.removed == ["PII": 1])
        #expect(week.changes?.addedFiles["PCI"]?.files == ["a.txt"])
        let all = try await store.report(ReportQuery(scope: scope.rootPath, since: monday))
        #expect(all.changes?.added == ["PII": 1, "PCI": 1])
        #expect(path.hasSuffix("a.txt"))
    }

    /// A false positive takes a label away from the effective labels while it holds, by path or by
    /// content (every copy); DXR's manually removed labels count as reviewed away; coverage of rows
    /// written before it was recorded is derived from their status and labels.
    package static func appliesReviews(_ store: some MetadataStore) async throws {
        try await store.prepare()
        var copy = record("b/copy.txt")
        copy.sha256 = "same-bytes"
        var original = record("a/original.txt")
        original.sha256 = "same-bytes"
        var other = record("c/other.txt")
        other.sha256 = "other-bytes"
        var removed = record("d/removed.txt", labels: ["PII", "Network"])
        removed.dxrRemovedLabels = ["Network"]
        var old = record("e/old.txt")
        old.coverage = nil
        try await store.upsert([copy, original, other, removed, old])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try await store.addReview(
            Review(
                reviewID: "by-content", filePath: nil, sha256: "same-bytes", label: "PII", verdict: .falsePositive,
                reason: "test data", reviewer: "steward", createdAt: now, expiresAt: nil))
        try await store.addReview(
            Review(
                reviewID: "expired", filePath: other.filePath, sha256: nil, label: "PII", verdict: .falsePositive,
                reason: nil, reviewer: "steward", createdAt: now, expiresAt: now.addingTimeInterval(-60)))
        try await store.addReview(
            Review(
                reviewID: "confirmed", filePath: removed.filePath, sha256: nil, label: "PII", verdict: .confirmed,
                reason: nil, reviewer: "steward", createdAt: now, expiresAt: nil))
        let report = try await store.report(ReportQuery(scope: scope.rootPath, now: now))
        #expect(report.byLabel["PII"]?.files == 3)
        #expect(report.byLabel["Network"] == nil)
        #expect(report.reviewedAway == ["PII": 2, "Network": 1])
        #expect(report.filesByLabel["PII"]?.files == ["c/other.txt", "d/removed.txt", "e/old.txt"])
        #expect(report.filesWithFindings.files.map(\.path) == ["c/other.txt", "d/removed.txt", "e/old.txt"])
        #expect(report.filesWithFindings.files.allSatisfy { $0.labels == ["PII"] })
        #expect(report.coverage["CLASSIFIED_WITH_FINDINGS"]?.files == 5, "\(report.coverage)")
        // Folders and volumes count files with findings as the reviews leave them, too.
        #expect(report.folders.first { $0.path.isEmpty }?.withFindings == 3)
        #expect(report.folders.first { $0.path == "c" }?.withFindings == 1)
        #expect(report.volumes.map(\.withFindings) == [3])
        let rows = try await store.records(under: scope.rootPath + "/", limit: 10)
        #expect(rows.allSatisfy { $0.labels.contains("PII") })
    }

    /// A touched file with the same bytes keeps its classification and takes the new time.
    package static func recordsSameContent(_ store: some MetadataStore) async throws {
        try await store.prepare()
        try await store.upsert([record("a.txt", labels: ["PCI"])])
        try await store.recordSameContent(
            [SameContent(filePath: scope.filePath(relativePath: "a.txt"), modificationTime: 200)], runID: "r9")
        let row = try #require(try await store.records(under: scope.rootPath + "/", limit: 10).first)
        #expect(row.modificationTime == 200 && row.runID == "r9")
        #expect(row.labels == ["PCI"] && row.status == .classified && row.attempts == 1)
    }
}

extension StoreContract {
    /// The rules both stores keep, one test argument each.
    package enum Rule: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case keepsTheLastGoodClassification, computesTheReportInSQL, keepsTheLabelHistory, appliesReviews
        case recordsSameContent

        package var testDescription: String { rawValue }

        /// A table name of its own, for stores that share a schema.
        package var table: String { rawValue.lowercased() }

        /// Checks the rule on `store`, a fresh, empty one.
        package func check(_ store: some MetadataStore) async throws {
            switch self {
            case .keepsTheLastGoodClassification: try await StoreContract.keepsTheLastGoodClassification(store)
            case .computesTheReportInSQL: try await StoreContract.computesTheReportInSQL(store)
            case .keepsTheLabelHistory: try await StoreContract.keepsTheLabelHistory(store)
            case .appliesReviews: try await StoreContract.appliesReviews(store)
            case .recordsSameContent: try await StoreContract.recordsSameContent(store)
            }
        }
    }
}
