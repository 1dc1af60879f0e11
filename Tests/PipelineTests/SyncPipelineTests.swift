import DXREmulator
import Foundation
import GRDB
import SQLiteStore
import SyncCore
import Synchronization
import TestSupport
import Testing

/// The pipeline's steps in process: the real DXR client against the emulator over loopback HTTP,
/// a real SQLite file, real files; only the clock and the run ids are the test's.
@Suite struct SyncPipelineTests {
    @Test func incrementalRunsTouchOnlyWhatChanged() async throws {
        var harness = PipelineHarness()
        harness.limits = PlanningLimits(maxBytesPerJob: 4_096, maxFilesPerJob: 2)
        try harness.write("a.txt", "mail avery@example.com")
        try harness.write("b/card.txt", "card 4111 1111 1111 1111")
        try harness.write("b/plain.txt", "nothing here")
        let doomed = try harness.write("c/old.csv", "x,y")
        try harness.write("big.bin", String(repeating: "z", count: 5_000))
        let firstTime = harness.clock.now()

        // First run: every file gets one row; the oversize file is SKIPPED.
        let (first, firstStats) = try await harness.sync("run-1")
        #expect(first.status == .succeeded)
        #expect(first.exitStatus == .success)
        #expect(first.counts.new == 5 && first.counts.classified == 4 && first.counts.skipped == 1)
        #expect(firstStats.receivedParts == 4)
        var rows = try await harness.rows()
        #expect(rows.count == 5)
        #expect(rows["big.bin"]?.status == .skipped)
        #expect(rows["big.bin"]?.statusReason?.contains("DXR_MAX_BYTES_PER_JOB") == true)
        #expect(rows["b/card.txt"]?.labels == ["PCI", "Financial"])
        #expect(rows["b/card.txt"]?.tags == ["102", "103"])
        #expect(rows["a.txt"]?.filePath == "/Volumes/main/hr/docs/a.txt")
        #expect(rows["a.txt"]?.attempts == 1)
        #expect(rows["a.txt"]?.runID == "run-1")
        #expect(rows["a.txt"]?.firstSeenAt == firstTime)

        // Second run: nothing uploaded.
        harness.clock.advance(by: 3_600)
        let (second, secondStats) = try await harness.sync("run-2")
        #expect(second.counts.unchanged == 4 && second.counts.submitted == 0)
        #expect(secondStats.receivedParts == 0)

        // Touch one file, delete another: only the touched file goes up, only the deleted row is tombstoned.
        harness.clock.advance(by: 3_600)
        let thirdTime = harness.clock.now()
        try harness.write("a.txt", "mail avery@example.com and blake@example.com")
        try FileManager.default.removeItem(at: doomed)
        let (third, thirdStats) = try await harness.sync("run-3")
        #expect(third.counts.changed == 1 && third.counts.gone == 1)
        #expect(thirdStats.receivedParts == 1)
        rows = try await harness.rows()
        #expect(rows["a.txt"]?.attempts == 2)
        #expect(rows["a.txt"]?.firstSeenAt == firstTime)
        #expect(rows["c/old.csv"]?.deletedAt == thirdTime)
        #expect(rows["c/old.csv"]?.runID == "run-3")
        #expect(rows.values.filter { $0.deletedAt != nil }.count == 1)

        // The file comes back: the tombstone is lifted.
        try harness.write("c/old.csv", "x,y,z")
        _ = try await harness.sync("run-4")
        #expect(try await harness.rows()["c/old.csv"]?.deletedAt == nil)

        let runs = try await harness.runs()
        #expect(runs.map(\.runID).sorted() == ["run-1", "run-2", "run-3", "run-4"])
        #expect(runs.allSatisfy { $0.status == .succeeded && $0.exitCode == 0 })
        #expect(runs.first { $0.runID == "run-1" }?.startedAt == firstTime)
    }

    @Test func failedJobsLeaveFailedRowsThatTheNextRunFixes() async throws {
        var harness = PipelineHarness()
        for index in 0..<3 { try harness.write("f\(index).txt", "file \(index)") }
        harness.faults.failedJobRate = 1
        let (first, _) = try await harness.sync("failing")
        #expect(first.status == .finishedWithFailures)
        var rows = try await harness.rows()
        #expect(rows.count == 3)
        #expect(rows.values.allSatisfy { $0.status == .failed && $0.statusReason?.contains("ended FAILED") == true })

        harness.faults.failedJobRate = 0
        let (second, statistics) = try await harness.sync("fixing")
        #expect(second.status == .succeeded)
        #expect(statistics.receivedParts == 3)
        rows = try await harness.rows()
        #expect(rows.values.allSatisfy { $0.status == .classified && $0.attempts == 2 })
    }

    @Test func rawMetadataNeverHoldsTextOrMatchedValues() async throws {
        let harness = PipelineHarness()
        try harness.write("pay.txt", "Please charge 4111 1111 1111 1111 for invoice 12")
        _ = try await harness.sync("raw")
        let row = try #require(try await harness.rows()["pay.txt"])
        let raw = try #require(row.rawMetadata)
        #expect(row.labels.contains("PCI"))
        #expect(!raw.contains("4111"))
        #expect(!raw.contains("dxr#raw_text"))
        #expect(!raw.contains("invoice 12"))
        #expect(raw.contains("annotation_stats#count.3"))
    }

    /// The progress line counts the files of finished jobs, not files minus jobs left.
    @Test func progressCountsTheFilesOfFinishedJobs() async throws {
        var harness = PipelineHarness()
        harness.limits = PlanningLimits(maxBytesPerJob: 1_048_576, maxFilesPerJob: 3)
        harness.maxConcurrentJobs = 1
        for index in 0..<9 { try harness.write("f\(index).txt", "file \(index)") }
        let seen = Recorded<SyncProgress>()
        _ = try await harness.sync("progress") { seen.append($0) }
        #expect(seen.values.map(\.filesDone) == [3, 6, 9])
        #expect(seen.values.map(\.jobsDone) == [1, 2, 3])
        #expect(seen.values.allSatisfy { $0.filesTotal == 9 && $0.jobsTotal == 3 })
    }

    /// A stop signal after the first job: the running jobs are cancelled, no other starts, and
    /// every file without an answer is an "interrupted" row (scripted: no timing involved).
    @Test func aStopRequestRecordsTheUnfinishedFilesAsInterrupted() async throws {
        var harness = PipelineHarness()
        harness.limits = PlanningLimits(maxBytesPerJob: 1_048_576, maxFilesPerJob: 1)
        harness.maxConcurrentJobs = 2
        for index in 0..<6 { try harness.write("f\(index).txt", "file \(index)") }
        let classifier = ScriptedClassifier { batch in
            guard batch.index == 0 else {
                try await Task.sleep(for: .seconds(3_600))  // until the stop cancels it
                return []
            }
            return ScriptedClassifier.classified(batch, labels: ["PII"])
        }
        let summary = try await harness.sync("stopped", with: classifier, stopAfterJobs: 1)
        #expect(summary.status == .interrupted)
        #expect(summary.exitStatus == .fatal)
        #expect(summary.counts.classified == 1 && summary.counts.failed == 5)
        let rows = try await harness.rows()
        #expect(rows.count == 6)
        #expect(rows["f0.txt"]?.status == .classified && rows["f0.txt"]?.labels == ["PII"])
        let interrupted = rows.values.filter { $0.statusReason?.contains("interrupted before DXR answered") == true }
        #expect(interrupted.count == 5)
        let ledger = try #require(try await harness.runs().first)
        #expect(ledger.status == .interrupted && ledger.exitCode == 3)
    }

    /// A classifier error of the configuration's kind (DXR refused the token) after the first job:
    /// no job starts after it, the files never sent are "not sent" rows, and the run exits 2.
    @Test func aConfigurationErrorFromTheClassifierStopsNewJobsAndExits2() async throws {
        var harness = PipelineHarness()
        harness.limits = PlanningLimits(maxBytesPerJob: 1_048_576, maxFilesPerJob: 1)
        harness.maxConcurrentJobs = 1
        for index in 0..<5 { try harness.write("f\(index).txt", "file \(index)") }
        let started = Mutex<[Int]>([])
        let classifier = ScriptedClassifier { batch in
            started.withLock { $0.append(batch.index) }
            guard batch.index == 0 else {
                throw FatalClassifierError("DXR rejected the API token", kind: .configuration)
            }
            return ScriptedClassifier.classified(batch)
        }
        let summary = try await harness.sync("refused", with: classifier)
        #expect(started.withLock { $0 } == [0, 1], "no job starts after the error")
        #expect(summary.status == .failed)
        #expect(summary.exitStatus == .configuration)
        #expect(summary.error == "DXR rejected the API token")
        #expect(summary.counts.classified == 1 && summary.counts.failed == 4)
        let rows = try await harness.rows()
        let notSent = rows.values.filter { $0.statusReason?.hasPrefix("not sent to DXR: the run stopped") == true }
        #expect(notSent.count == 4)
        let ledger = try #require(try await harness.runs().first)
        #expect(ledger.status == .failed && ledger.exitCode == 2 && ledger.error == "DXR rejected the API token")
    }

    /// A store error in the middle of a run is written to the ledger row instead of leaving it RUNNING.
    @Test func aStoreErrorInTheMiddleCompletesTheLedgerRowWithTheError() async throws {
        let harness = PipelineHarness()
        for name in ["a.txt", "poison.txt", "z.txt"] { try harness.write(name, "file \(name)") }
        try await harness.store().prepare()
        let database = try DatabaseQueue(path: harness.databasePath)
        try await database.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse_poison BEFORE INSERT ON docs_metadata
                    WHEN NEW.file_path LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'disk quota exceeded (injected)'); END
                    """)
        }
        await #expect(throws: (any Error).self) { try await harness.sync("broken") }
        let run = try #require(try await harness.runs().first)
        #expect(run.runID == "broken")
        #expect(run.status == .failed)
        #expect(run.exitCode == 3)
        #expect(run.error?.contains("disk quota exceeded (injected)") == true)
        #expect(run.finishedAt == harness.clock.now())
    }

    @Test func aVolumeThatCannotBeListedEndsTheLedgerRowWithExitCode2() async throws {
        let harness = PipelineHarness()
        let missing = LocalVolumeSource(root: harness.volume.path + "/no-such-folder")
        await #expect(throws: VolumeSourceError.self) { try await harness.sync("unlisted", source: missing) }
        let run = try #require(try await harness.runs().first)
        #expect(run.status == .failed)
        #expect(run.exitCode == 2)
        #expect(run.error?.contains("does not exist") == true)
    }

    /// Parts run side by side on one store write exactly the table one run over the whole volume
    /// writes, and each tombstones only inside its own folders.
    @Test func partsSideBySideWriteWhatOneWholeRunWrites() async throws {
        let harness = PipelineHarness()
        for index in 0..<30 {
            try harness.write(
                "f\(index % 4)/file \(index).txt", index % 3 == 0 ? "mail person\(index)@example.com" : "plain \(index)"
            )
        }
        try harness.write("root.txt", "mail root@example.com")
        let whole = harness.work.url("whole.sqlite").path
        let parted = harness.work.url("parted.sqlite").path
        let parts = [["f0/**", "f1/**"], ["f2/**"], ["*", "f3/**"]].map {
            $0.compactMap(FolderSelection.init(parsing:))
        }
        func essence(_ path: String) async throws -> [String: String] {
            try await harness.rows(path: path).mapValues {
                "\($0.filePath)|\($0.status.rawValue)|\($0.labels)|\($0.fileSize)|\($0.modificationTime)|\($0.deletedAt != nil)"
            }
        }
        func runParts(_ indices: [Int]) async throws {
            try await withThrowingTaskGroup(of: RunSummary.self) { group in
                for index in indices {
                    var part = harness
                    part.selections = parts[index]
                    group.addTask {
                        try await part.sync("part-\(index)", store: try part.store(path: parted)).summary
                    }
                }
                for try await summary in group { #expect(summary.status == .succeeded) }
            }
        }
        _ = try await harness.sync("whole", store: try harness.store(path: whole))
        try await runParts([0, 1, 2])
        #expect(try await essence(whole).count == 31)
        #expect(try await essence(parted) == (try await essence(whole)))
        let partScopes = Set(try await harness.runs(path: parted).map(\.scope))
        #expect(
            partScopes == [
                "/Volumes/main/hr/docs (part f0/**, f1/**)", "/Volumes/main/hr/docs (part f2/**)",
                "/Volumes/main/hr/docs (part *, f3/**)",
            ])

        // A deleted file is tombstoned by its own part only.
        let doomed = "f1/file 5.txt"
        try FileManager.default.removeItem(at: harness.volume.url(doomed))
        try await runParts([1, 2])
        #expect(try await harness.rows(path: parted)[doomed]?.deletedAt == nil)
        try await runParts([0])
        _ = try await harness.sync("whole-again", store: try harness.store(path: whole))
        #expect(try await harness.rows(path: parted)[doomed]?.deletedAt != nil)
        #expect(try await essence(parted) == (try await essence(whole)))
    }
}

extension SyncPipelineTests {
    /// A listing that no longer shows most of the table (an unmounted volume, a prefix typo)
    /// tombstones nothing and exits 1; `--allow-mass-delete` lets it through.
    @Test func theMassDeletionGuardHoldsTombstonesBack() async throws {
        var harness = PipelineHarness()
        for index in 0..<10 { try harness.write("f\(index).txt", "file \(index)") }
        _ = try await harness.sync("full")
        for index in 0..<8 { try FileManager.default.removeItem(at: harness.volume.url("f\(index).txt")) }
        let (held, _) = try await harness.sync("held")
        #expect(held.exitStatus == .filesFailed)
        #expect(held.heldBack?.contains("8 of the 10 live rows") == true)
        #expect(held.heldBack?.contains("--allow-mass-delete") == true)
        #expect(try await harness.rows().values.allSatisfy { $0.deletedAt == nil })
        #expect(try await harness.runs().first { $0.runID == "held" }?.exitCode == 1)

        harness.policy.allowMassDelete = true
        let (allowed, _) = try await harness.sync("allowed")
        #expect(allowed.exitStatus == .success)
        #expect(try await harness.rows().values.filter { $0.deletedAt != nil }.count == 8)
    }

    /// Failed files fail the job only above DXRSYNC_MAX_FAILED_RATIO, or when nothing was classified.
    @Test func failuresFailTheJobOnlyAboveTheTolerance() async throws {
        var harness = PipelineHarness()
        harness.limits = PlanningLimits(maxBytesPerJob: 1_048_576, maxFilesPerJob: 1)
        for index in 0..<20 { try harness.write("f\(index).txt", "file \(index)") }
        harness.faults.droppedHitRate = 0.3
        harness.policy.maxFailedRatio = 0.9
        let (tolerated, _) = try await harness.sync("tolerated")
        #expect(tolerated.counts.failed > 0 && tolerated.counts.classified > 0)
        #expect(tolerated.status == .finishedWithFailures)
        #expect(tolerated.exitStatus == .success)
        #expect(tolerated.text.contains("failed \(tolerated.counts.failed)"))

        harness.policy.maxFailedRatio = 0
        let (strict, _) = try await harness.sync("strict", full: true)
        #expect(strict.exitStatus == .filesFailed)

        harness.faults.droppedHitRate = 1
        harness.policy.maxFailedRatio = 1
        let (nothing, _) = try await harness.sync("nothing", full: true)
        #expect(nothing.counts.classified == 0)
        #expect(nothing.exitStatus == .filesFailed)
    }

    /// Progress carries the time since the first job started, for the ETA: it never goes back.
    @Test func progressCarriesTheTimeSinceTheFirstJobStarted() async throws {
        var harness = PipelineHarness()
        harness.limits = PlanningLimits(maxBytesPerJob: 1_048_576, maxFilesPerJob: 1)
        harness.maxConcurrentJobs = 1
        for index in 0..<3 { try harness.write("f\(index).txt", "file \(index)") }
        let seen = Recorded<SyncProgress>()
        _ = try await harness.sync("timed") { seen.append($0) }
        let elapsed = seen.values.map(\.elapsed)
        #expect(elapsed.count == 3 && elapsed.first! > .zero)
        #expect(elapsed == elapsed.sorted())
        #expect(seen.values.last?.remaining == .zero)
    }

    /// `collected_at` is when each row's metadata was read from DXR, not one time per run.
    @Test func collectedAtIsPerRow() async throws {
        var harness = PipelineHarness()
        harness.limits = PlanningLimits(maxBytesPerJob: 1_048_576, maxFilesPerJob: 1)
        harness.maxConcurrentJobs = 1
        for index in 0..<3 { try harness.write("f\(index).txt", "file \(index)") }
        let start = harness.clock.now()
        let clock = harness.clock
        _ = try await harness.sync("per-row") { _ in clock.advance(by: 60) }
        let collected = try await harness.rows().values.compactMap(\.collectedAt).sorted()
        #expect(collected == [0, 60, 120].map { start.addingTimeInterval($0) })
    }

    /// The first run after a migration re-sends every playbook row; an interruption there keeps
    /// every label the playbook wrote.
    @Test func aMigratedPlaybookTableSurvivesAnInterruptedFirstRun() async throws {
        var harness = PipelineHarness()
        harness.limits = PlanningLimits(maxBytesPerJob: 1_048_576, maxFilesPerJob: 1)
        harness.maxConcurrentJobs = 1
        harness.faults.jobLatency = .milliseconds(100)
        let names = (0..<6).map { "doc\($0).txt" }
        for name in names { try harness.write(name, "nothing sensitive in \(name)") }
        try harness.work.makeDirectory("store")
        let database = try DatabaseQueue(path: harness.databasePath)
        try await database.write { db in
            let columns = MetadataSchema.playbookColumns.map { "\"\($0.name)\" TEXT" }.joined(separator: ", ")
            try db.execute(sql: "CREATE TABLE docs_metadata (\(columns))")
            for name in names {
                try db.execute(
                    sql: """
                        INSERT INTO docs_metadata (file_path, relative_path, labels, tags, datasource_scan_id, collected_at)
                        VALUES (?, ?, '["Playbook label"]', '["900"]', 5, '2025-01-02T03:04:05.000Z')
                        """, arguments: ["/Volumes/main/hr/docs/" + name, name])
            }
        }
        let (summary, _) = try await harness.sync("migration", stopAfterJobs: 1)
        #expect(summary.status == .interrupted)
        let rows = try await harness.rows()
        let interrupted = rows.values.filter { $0.statusReason?.contains("interrupted") == true }
        #expect(!interrupted.isEmpty)
        #expect(interrupted.allSatisfy { $0.labels == ["Playbook label"] && $0.tags == ["900"] })
        #expect(interrupted.allSatisfy { $0.datasourceScanID == 5 && $0.collectedAt != nil })
        let classified = rows.values.filter { $0.status == .classified }
        #expect(!classified.isEmpty && classified.allSatisfy { $0.labels.isEmpty })
    }
}

/// Values a callback hands over from another task, in order.
final class Recorded<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])
    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var values: [Value] { storage.withLock { $0 } }
}
