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
    )
        -> StoredFileState
    {
        StoredFileState(
            filePath: scope.filePath(relativePath: path), fileSize: size, modificationTime: seconds, status: status,
            attempts: 1,
            firstSeenAt: Date(timeIntervalSince1970: 1), deletedAt: deleted ? Date(timeIntervalSince1970: 2) : nil)
    }

    @Test func sortsFilesIntoNewChangedUnchangedRetriedAndGone() {
        let listing = VolumeListing(files: [
            file("new.txt"), file("same.txt"), file("bigger.txt", size: 11), file("touched.txt", seconds: 101),
            file("failed.txt"), file("skipped.txt"), file("back.txt"),
        ])
        let stored = [
            state("same.txt"), state("bigger.txt"), state("touched.txt"), state("failed.txt", status: .failed),
            state("skipped.txt", status: .skipped), state("back.txt", deleted: true), state("gone.txt"),
            state("already-gone.txt", deleted: true),
        ]
        let result = Reconciliation(listing: listing, stored: stored, scope: scope, full: false)
        #expect(result.unchanged.map(\.relativePath) == ["same.txt"])
        #expect(
            Set(result.toClassify.map(\.relativePath)) == [
                "new.txt", "bigger.txt", "touched.txt", "failed.txt", "skipped.txt", "back.txt",
            ])
        #expect(result.newCount == 1)
        #expect(result.changedCount == 3)
        #expect(result.retriedCount == 2)
        #expect(result.gone.map(\.filePath) == [scope.filePath(relativePath: "gone.txt")])
    }

    @Test func fullReclassifiesUnchangedFiles() {
        let result = Reconciliation(
            listing: VolumeListing(files: [file("same.txt")]), stored: [state("same.txt")], scope: scope, full: true)
        #expect(result.toClassify.count == 1)
        #expect(result.unchanged.isEmpty)
    }

    @Test func nfcAndNfdNamesAreDifferentFiles() {
        let nfc = "caf\u{E9}.txt"
        let nfd = "cafe\u{301}.txt"
        let result = Reconciliation(
            listing: VolumeListing(files: [file(nfd)]), stored: [state(nfc)], scope: scope, full: false)
        #expect(result.newCount == 1)
        #expect(result.gone.count == 1)
    }

    @Test func rowsCarryFirstSeenAndCountAttempts() {
        let builder = RowBuilder(scope: scope, runID: "run-1", now: Date(timeIntervalSince1970: 50))
        let outcome = FileOutcome(
            file: file("a/b.txt"), status: .classified, datasourceID: "41", jobID: "j",
            classification: Classification(
                dxrFileID: "id", scanID: 7, labelIDs: ["102"], labelNames: ["PCI"], categories: ["Finance"]))
        let record = builder.record(for: outcome, previous: state("a/b.txt"), attempted: true)
        #expect(record.filePath == "/Volumes/c/s/v/a/b.txt")
        #expect(record.relativePath == "a/b.txt")
        #expect(record.modificationTime == 100)
        #expect(record.attempts == 2)
        #expect(record.firstSeenAt == Date(timeIntervalSince1970: 1))
        #expect(record.labels == ["PCI"] && record.tags == ["102"] && record.categories == ["Finance"])
        #expect(record.datasourceScanID == 7 && record.jobID == "j" && record.runID == "run-1")
        let fresh = builder.record(
            for: FileOutcome(file: file("n.txt"), status: .skipped, reason: "big"), previous: nil, attempted: false)
        #expect(
            fresh.attempts == 0 && fresh.firstSeenAt == Date(timeIntervalSince1970: 50) && fresh.statusReason == "big")
    }
}
