import Foundation
import SyncCore
import Testing

@Suite struct ReconciliationTests {
    let scope = VolumeScope(catalog: "c", schema: "s", volume: "v")

    func file(_ path: String, size: Int64 = 10, seconds: Int64 = 100) -> VolumeFile {
        VolumeFile(relativePath: path, size: size, modified: FileTime(seconds: seconds, nanoseconds: 999))
    }

    func state(
        _ path: String, size: Int64 = 10, seconds: Int64 = 100, status: FileStatus = .classified, deleted: Bool = false
    ) -> StoredFileState {
        StoredFileState(
            filePath: scope.filePath(relativePath: path), fileSize: size, modificationTime: seconds, status: status,
            deletedAt: deleted ? Date(timeIntervalSince1970: 2) : nil)
    }

    /// Merges the listing with `stored` (sorted by path here, as a store hands them) in pages of `pageSize`.
    func reconcile(
        _ files: [VolumeFile], _ stored: [StoredFileState], full: Bool = false, shard: Shard? = nil, pageSize: Int = 2
    ) throws -> Reconciliation {
        var reconciler = Reconciler(listing: VolumeListing(files: files), scope: scope, shard: shard, full: full)
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
        #expect(
            result.toClassify.map(\.relativePath) == VolumeListing(files: result.toClassify).files.map(\.relativePath))
        #expect(result.newCount == 2)
        #expect(result.changedCount == 3)
        #expect(result.retriedCount == 2)
        #expect(result.gone == [scope.filePath(relativePath: "gone.txt")])
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

    @Test func rowsOutsideTheShardAreNeitherComparedNorGone() throws {
        let shard = try #require(Shard(index: 1, count: 2))
        let names = (0..<20).map { "f\($0).txt" }
        let mine = names.filter { shard.contains(relativePath: $0) }
        let result = try reconcile(mine.map { file($0) }, names.map { state($0) }, shard: shard)
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
}
