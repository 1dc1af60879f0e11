import Foundation
import SyncCore
import Testing

@Suite struct ReconciliationTests {
    let scope = VolumeScope(catalog: "c", schema: "s", volume: "v")

    func file(_ path: String, size: Int64 = 10, seconds: Int64 = 100) -> VolumeFile {
        VolumeFile(relativePath: path, size: size, modified: FileTime(seconds: seconds, nanoseconds: 999))
    }

    func state(
        _ path: String, size: Int64 = 10, seconds: Int64 = 100, status: FileStatus = .classified, deleted: Bool = false,
        sha256: String? = nil, fingerprint: String? = "rules-1", collected: Date = Date(timeIntervalSince1970: 1_000)
    ) -> StoredFileState {
        StoredFileState(
            filePath: scope.filePath(relativePath: path), fileSize: size, modificationTime: seconds, status: status,
            deletedAt: deleted ? Date(timeIntervalSince1970: 2) : nil, sha256: sha256,
            classifierFingerprint: fingerprint,
            collectedAt: collected)
    }

    /// Merges the listing with `stored` (sorted by path here, as a store hands them) in pages of `pageSize`.
    func reconcile(
        _ files: [VolumeFile], _ stored: [StoredFileState], full: Bool = false,
        selection: FolderSelection = .everything,
        pageSize: Int = 2,
        rescan: RescanPolicy = .stale, fingerprint: String? = "rules-1", now: Date = Date(timeIntervalSince1970: 5_000)
    ) throws -> Reconciliation {
        var reconciler = Reconciler(
            listing: VolumeListing(files: files), scope: scope, selection: selection, full: full, rescan: rescan,
            fingerprint: fingerprint, now: now)
        let sorted = stored.sorted { PathKey($0.filePath) < PathKey($1.filePath) }
        for start in stride(from: 0, to: sorted.count, by: pageSize) {
            try reconciler.consume(Array(sorted[start..<min(start + pageSize, sorted.count)]))
        }
        return reconciler.finish()
    }

    @Test(arguments: [1, 2, 3, 100])
    func sortsFilesIntoNewChangedUnchangedRetriedAndGone(pageSize: Int) throws {
        let files = [
            file("new.txt"), file("same.txt"), file("bigger.txt", size: 11), file("touched.txt", seconds: 101),
            file("failed.txt"), file("skipped.txt"), file("back.txt"), file("z/last-new.txt"),
        ]
        let stored = [
            state("same.txt"), state("bigger.txt"), state("touched.txt"), state("failed.txt", status: .failed),
            state("skipped.txt", status: .skipped), state("back.txt", deleted: true), state("gone.txt"),
            state("already-gone.txt", deleted: true),
        ]
        let result = try reconcile(files, stored, pageSize: pageSize)
        #expect(result.unchangedCount == 1)
        #expect(
            Set(result.toClassify.map(\.relativePath)) == [
                "new.txt", "bigger.txt", "touched.txt", "failed.txt", "skipped.txt", "back.txt", "z/last-new.txt",
            ])
        // Highest priority first: new and changed in listing order, then the retried ones.
        #expect(
            result.fresh.map(\.relativePath) == ["back.txt", "bigger.txt", "new.txt", "touched.txt", "z/last-new.txt"])
        #expect(result.retried.map(\.relativePath) == ["failed.txt", "skipped.txt"])
        #expect(result.toClassify == result.fresh + result.retried)
        #expect(result.newCount == 2)
        #expect(result.changedCount == 3)
        #expect(result.retriedCount == 2)
        #expect(result.gone == [Tombstone(filePath: scope.filePath(relativePath: "gone.txt"))])
        #expect(result.liveRows == 6)
    }

    @Test func fullReclassifiesUnchangedFiles() throws {
        let result = try reconcile([file("same.txt")], [state("same.txt")], full: true)
        #expect(result.toClassify.count == 1)
        #expect(result.unchangedCount == 0)
    }

    @Test func nfcAndNfdNamesAreDifferentFiles() throws {
        let result = try reconcile([file("cafe\u{301}.txt")], [state("caf\u{E9}.txt")])
        #expect(result.newCount == 1)
        #expect(result.gone.count == 1)
    }

    /// A part that holds a folder's own files leaves the rows of its subfolders to other parts.
    @Test func rowsOutsideTheSelectionAreNeitherComparedNorGone() throws {
        let selection = try #require(FolderSelection(parsing: "a/*"))
        let names = (0..<20).map { $0 % 2 == 0 ? "a/f\($0).txt" : "a/sub/f\($0).txt" }
        let mine = names.filter { selection.contains(relativePath: $0) }
        let result = try reconcile(mine.map { file($0) }, names.map { state($0) }, selection: selection)
        #expect(mine.count == 10)
        #expect(result.unchangedCount == mine.count)
        #expect(result.gone.isEmpty)
        #expect(result.liveRows == mine.count)
    }

    /// Rows out of byte order (a store whose column sorts another way) stop the run before it
    /// mistakes stored files for new and gone ones.
    @Test func rowsOutOfByteOrderAreAnError() {
        var reconciler = Reconciler(listing: VolumeListing(files: [file("a.txt")]), scope: scope, full: false)
        #expect(throws: StoreOrderError.self) { try reconciler.consume([state("b.txt"), state("B.txt")]) }
    }

    @Test func rowsCountUploadsAndLeaveWhatCarriesOverToTheStore() {
        let builder = RowBuilder(scope: scope, runID: "run-1")
        let now = Date(timeIntervalSince1970: 50)
        let outcome = FileOutcome(
            file: file("a/b.txt"), status: .classified, datasourceID: "41", jobID: "j",
            classification: Classification(
                dxrFileID: "id", scanID: 7, labelIDs: ["102"], labelNames: ["PCI"], categories: ["Finance"]))
        let record = builder.record(for: outcome, uploaded: true, at: now)
        #expect(record.filePath == "/Volumes/c/s/v/a/b.txt")
        #expect(record.relativePath == "a/b.txt")
        #expect(record.modificationTime == 100)
        #expect(record.attempts == 1)
        #expect(record.collectedAt == now && record.lastAttemptAt == now && record.firstSeenAt == now)
        #expect(record.labels == ["PCI"] && record.tags == ["102"] && record.categories == ["Finance"])
        #expect(record.datasourceScanID == 7 && record.jobID == "j" && record.runID == "run-1")
        let skipped = builder.record(
            for: FileOutcome(file: file("n.txt"), status: .skipped, reason: "big"), uploaded: false, at: now)
        #expect(skipped.attempts == 0 && skipped.statusReason == "big")
        #expect(skipped.collectedAt == nil && skipped.lastAttemptAt == nil)
    }

    /// The positions ``FileRecord/init(cells:)`` reads are the columns ``MetadataSchema`` lists.
    @Test func aRecordWrittenAsCellsReadsBackTheSame() {
        let record = FileRecord(
            filePath: "/Volumes/c/s/v/a.txt", relativePath: "a.txt", catalogName: "c", schemaName: "s",
            volumeName: "v", fileSize: 3, modificationTime: 100, datasourceID: "41", datasourceScanID: 7, jobID: "j",
            labels: ["PII"], tags: ["101"], categories: ["HR"], rawMetadata: "{}",
            collectedAt: Date(timeIntervalSince1970: 20), status: .failed, statusReason: "why", attempts: 4,
            dxrFileID: "d", sha256: "ab", mimeType: "text/plain", annotators: ["Email address"],
            firstSeenAt: Date(timeIntervalSince1970: 10), deletedAt: Date(timeIntervalSince1970: 30), runID: "r",
            lastAttemptAt: Date(timeIntervalSince1970: 40))
        let cells: [String?] = record.columnValues.map { value in
            switch value {
            case .text(let text): text
            case .integer(let number): number.map(String.init)
            case .strings(let strings): StringListJSON.text(strings)
            case .timestamp(let date): date.map(Timestamps.text)
            }
        }
        #expect(cells.count == MetadataSchema.columns.count)
        #expect(FileRecord(cells: cells) == record)
    }

    /// Unchanged files classified under other DXR rules are re-queued (stale), last; not when the
    /// policy is `none`, nor when DXR does not say which rules it runs.
    @Test func theRescanPolicyRequeuesStaleClassifications() throws {
        let files = [file("new.txt"), file("old-rules.txt"), file("same-rules.txt")]
        let stored = [state("old-rules.txt", fingerprint: "rules-0"), state("same-rules.txt")]
        let stale = try reconcile(files, stored, fingerprint: "rules-1")
        #expect(stale.stale.map(\.relativePath) == ["old-rules.txt"])
        #expect(stale.toClassify.map(\.relativePath) == ["new.txt", "old-rules.txt"])
        #expect(stale.unchangedCount == 1)
        #expect(try reconcile(files, stored, rescan: .none).stale.isEmpty)
        #expect(try reconcile(files, stored, fingerprint: nil).stale.isEmpty)
        let old = try reconcile(
            files, [state("old-rules.txt", collected: Date(timeIntervalSince1970: 0)), state("same-rules.txt")],
            rescan: try #require(RescanPolicy(parsing: "older-than:1h")), now: Date(timeIntervalSince1970: 3_601))
        #expect(old.stale.map(\.relativePath) == ["old-rules.txt"])
        #expect(RescanPolicy(parsing: "older-than:soon") == nil)
    }

    /// Only the modification time moved, and the classification is current and has a hash: the
    /// bytes are checked before anything goes up.
    @Test func aTouchedFileIsCheckedBeforeItIsSent() throws {
        let result = try reconcile(
            [file("touched.txt", seconds: 200), file("grown.txt", size: 11, seconds: 200)],
            [state("touched.txt", sha256: "ab"), state("grown.txt", sha256: "cd")])
        #expect(result.touched.map(\.relativePath) == ["touched.txt"])
        #expect(result.fresh.map(\.relativePath) == ["grown.txt"])
        #expect(result.previous[PathKey(scope.filePath(relativePath: "touched.txt"))]?.sha256 == "ab")
    }

    @Test func theRunBudgetTakesFilesInOrderUpToItsLimits() {
        let files = (0..<5).map { file("f\($0).txt", size: 100) }
        #expect(RunBudget().take(files).deferred == 0)
        let byCount = RunBudget(maxFiles: 2).take(files)
        #expect(byCount.taken.map(\.relativePath) == ["f0.txt", "f1.txt"] && byCount.deferred == 3)
        let byBytes = RunBudget(maxBytes: 250).take(files)
        #expect(byBytes.taken.count == 2 && byBytes.deferred == 3)
    }
}
