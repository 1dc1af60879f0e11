import SyncCore
import Testing

/// The progress line's ETA: this run's pace so far, from explicit elapsed times.
@Suite struct SyncProgressTests {
    static func progress(jobs: Int, of jobsTotal: Int, files: Int, of filesTotal: Int) -> SyncProgress {
        SyncProgress(
            jobsDone: jobs, jobsTotal: jobsTotal, filesDone: files, filesTotal: filesTotal, classified: files,
            failed: 0)
    }

    @Test func noETABeforeAJobFinished() {
        #expect(Self.progress(jobs: 0, of: 10, files: 0, of: 250).remaining(after: .seconds(90)) == nil)
        // No files done gives nothing to go on either.
        #expect(Self.progress(jobs: 1, of: 10, files: 0, of: 250).remaining(after: .seconds(90)) == nil)
    }

    @Test func theRestTakesAsLongPerFileAsTheFilesDone() {
        // 75 files in 90 s: the other 175 take 210 s.
        let progress = Self.progress(jobs: 3, of: 10, files: 75, of: 250)
        #expect(progress.remaining(after: .seconds(90)) == .seconds(210))
        #expect(progress.remaining(after: .milliseconds(1500)) == .milliseconds(3500))
        #expect(progress.remaining(after: .zero) == .zero)
        #expect(Self.progress(jobs: 10, of: 10, files: 250, of: 250).remaining(after: .seconds(60)) == .zero)
    }

    @Test func compactDurations() {
        #expect(DurationText.compact(.zero) == "0s")
        #expect(DurationText.compact(.milliseconds(44_600)) == "45s")
        #expect(DurationText.compact(.milliseconds(249_667)) == "4m10s")
        #expect(DurationText.compact(.seconds(605)) == "10m05s")
        #expect(DurationText.compact(.seconds(7529)) == "2h05m")
        #expect(DurationText.compact(.seconds(-3)) == "0s")
    }
}
