import Foundation
import SyncCore
import Testing

/// `plan --incremental`'s estimate: the pace of the latest runs that uploaded, from ledger rows.
@Suite struct RunEstimateTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A ledger row: started `hoursAgo` hours before ``start``, ran `seconds`, sent `files` files
    /// of `bytes` bytes.
    static func run(
        _ id: String, hoursAgo: Double, seconds: Double?, files: Int, bytes: Int64, status: RunStatus = .succeeded
    ) -> RunRecord {
        var counts = RunCounts()
        counts.submitted = files
        counts.bytesUploaded = bytes
        let started = start.addingTimeInterval(-hoursAgo * 3600)
        return RunRecord(
            runID: id, startedAt: started, finishedAt: seconds.map { started.addingTimeInterval($0) },
            scope: "/Volumes/main/hr/docs", status: status, counts: counts)
    }

    @Test func measuresTheLatestFiveFinishedRunsThatUploadedOverTheirSummedDurations() throws {
        let runs = [
            Self.run("running", hoursAgo: 0, seconds: nil, files: 900, bytes: 900),
            Self.run("failed", hoursAgo: 1, seconds: 10, files: 900, bytes: 900, status: .failed),
            Self.run("interrupted", hoursAgo: 2, seconds: 10, files: 900, bytes: 900, status: .interrupted),
            Self.run("idle", hoursAgo: 3, seconds: 30, files: 0, bytes: 0),
            Self.run("r1", hoursAgo: 4, seconds: 100, files: 200, bytes: 2_000_000),
            Self.run("r2", hoursAgo: 5, seconds: 50, files: 100, bytes: 1_000_000, status: .finishedWithFailures),
            Self.run("r3", hoursAgo: 6, seconds: 150, files: 300, bytes: 3_000_000),
            Self.run("r4", hoursAgo: 7, seconds: 100, files: 200, bytes: 2_000_000),
            Self.run("r5", hoursAgo: 8, seconds: 100, files: 200, bytes: 2_000_000),
            Self.run("r6 (too old)", hoursAgo: 9, seconds: 1, files: 900, bytes: 900),
            Self.run("killed", hoursAgo: 10, seconds: nil, files: 0, bytes: 0, status: .running),
        ].shuffled()
        let throughput = try #require(RunEstimate.throughput(of: runs))
        #expect(throughput.runIDs == ["r1", "r2", "r3", "r4", "r5"])
        #expect(throughput.files == 1000)
        #expect(throughput.bytes == 10_000_000)
        #expect(throughput.seconds == 500)
        #expect(throughput.filesPerSecond == 2)
        #expect(throughput.bytesPerSecond == 20_000)
    }

    @Test func theEstimateIsTheSlowerOfTheFilesAndTheBytesPace() {
        // 2 files/s and 20,000 bytes/s.
        let runs = [Self.run("r1", hoursAgo: 1, seconds: 100, files: 200, bytes: 2_000_000)]
        // 100 files take 50 s by count, 400,000 bytes 20 s: 50.
        #expect(RunEstimate(files: 100, bytes: 400_000, recentRuns: runs).seconds == 50)
        // 10 large files: 5 s by count, 90 s by bytes.
        #expect(RunEstimate(files: 10, bytes: 1_800_000, recentRuns: runs).seconds == 90)
        // A part of a second is a second.
        #expect(RunEstimate(files: 1, bytes: 1, recentRuns: runs).seconds == 1)
    }

    @Test func runsThatUploadedOnlyEmptyFilesGiveAPaceInFilesAlone() {
        let runs = [Self.run("r1", hoursAgo: 1, seconds: 10, files: 20, bytes: 0)]
        #expect(RunEstimate(files: 40, bytes: 5_000_000, recentRuns: runs).seconds == 20)
    }

    @Test func withoutAnEarlierRunThatUploadedThereIsNoNumber() throws {
        let runs = [
            Self.run("idle", hoursAgo: 1, seconds: 30, files: 0, bytes: 0),
            Self.run("failed", hoursAgo: 2, seconds: 30, files: 10, bytes: 10, status: .failed),
            Self.run("instant", hoursAgo: 3, seconds: 0, files: 10, bytes: 10),
        ]
        for runs in [[], runs] {
            let estimate = RunEstimate(files: 1200, bytes: 340_000_000, recentRuns: runs)
            #expect(estimate.throughput == nil)
            #expect(estimate.seconds == nil)
            #expect(
                estimate.line == "No estimate: none of the latest runs in the ledger finished having uploaded anything")
            let json = try Self.json(estimate)
            #expect(json["seconds"] is NSNull)
            #expect(json["files_per_second"] is NSNull)
            #expect(json["bytes_per_second"] is NSNull)
            #expect(json["runs_used"] as? Int == 0)
            #expect(json["run_ids"] as? [String] == [])
        }
    }

    @Test func nothingToUploadTakesNoTime() {
        let estimate = RunEstimate(files: 0, bytes: 0, recentRuns: [])
        #expect(estimate.seconds == 0)
        #expect(estimate.line == "Estimate: nothing to upload")
    }

    @Test func theLineAndTheJSONSayWhatTheEstimateIsBasedOn() throws {
        // 3 runs: 1200 files, 600 MiB in 600 s: 2 files/s, 1 MiB/s.
        let runs = [
            Self.run("c", hoursAgo: 1, seconds: 200, files: 400, bytes: 200 << 20),
            Self.run("b", hoursAgo: 2, seconds: 300, files: 600, bytes: 300 << 20),
            Self.run("a", hoursAgo: 3, seconds: 100, files: 200, bytes: 100 << 20),
        ]
        // 1200 files take 600 s by count; 840 MiB take 840 s by bytes: 14 min.
        let estimate = RunEstimate(files: 1200, bytes: 840 << 20, recentRuns: runs)
        #expect(estimate.seconds == 840)
        #expect(
            estimate.line
                == "Estimate: about 14 min to upload 1200 files, 840.0 MiB, at the pace of the last 3 runs that "
                + "uploaded (2.0 files/s, 1.0 MiB/s; the ledger does not record their DXR_MAX_CONCURRENT_JOBS: the "
                + "same is assumed)")
        let json = try Self.json(estimate)
        #expect(json["seconds"] as? Int == 840)
        #expect(json["files_per_second"] as? Double == 2)
        #expect(json["bytes_per_second"] as? Int == 1 << 20)
        #expect(json["runs_used"] as? Int == 3)
        #expect(json["run_ids"] as? [String] == ["c", "b", "a"])
    }

    @Test func aSlowPaceKeepsItsDigits() {
        // 1 file in 40 s.
        let runs = [Self.run("slow", hoursAgo: 1, seconds: 40, files: 1, bytes: 512)]
        let line = RunEstimate(files: 3, bytes: 1536, recentRuns: runs).line
        #expect(line.hasPrefix("Estimate: about 2 min to upload 3 files, 1.5 KiB, at the pace of the last run "))
        #expect(line.contains("(0.025 files/s, 13 B/s;"))
        #expect(line.hasSuffix("the ledger does not record its DXR_MAX_CONCURRENT_JOBS: the same is assumed)"))
    }

    @Test func durationsInWords() {
        #expect(DurationText.approximate(seconds: 0) == "under a minute")
        #expect(DurationText.approximate(seconds: 59) == "under a minute")
        #expect(DurationText.approximate(seconds: 60) == "about 1 min")
        #expect(DurationText.approximate(seconds: 61) == "about 2 min")
        #expect(DurationText.approximate(seconds: 3600) == "about 1 h")
        #expect(DurationText.approximate(seconds: 7500) == "about 2 h 5 min")
    }

    static func json(_ estimate: RunEstimate) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: SortedJSON.data(estimate)) as? [String: Any])
    }
}
