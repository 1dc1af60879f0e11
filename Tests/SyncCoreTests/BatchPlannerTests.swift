import SyncCore
import Testing

@Suite struct BatchPlannerTests {
    func files(_ sizes: [Int64]) -> [VolumeFile] {
        sizes.enumerated().map {
            VolumeFile(relativePath: "f\($0.offset)", size: $0.element, modified: FileTime(seconds: 0))
        }
    }

    @Test func respectsTheFileBudget() {
        let plan = BatchPlanner(limits: PlanningLimits(maxBytesPerJob: 1000, maxFilesPerJob: 2)).plan(
            files([1, 1, 1, 1, 1]))
        #expect(plan.batches.map { $0.files.count } == [2, 2, 1])
        #expect(plan.batches.map(\.index) == [0, 1, 2])
        #expect(plan.skipped.isEmpty)
    }

    @Test func respectsTheByteBudget() {
        let plan = BatchPlanner(limits: PlanningLimits(maxBytesPerJob: 10, maxFilesPerJob: 100)).plan(
            files([6, 4, 1, 10, 3]))
        #expect(plan.batches.map { $0.files.map(\.size) } == [[6, 4], [1], [10], [3]])
        #expect(plan.batches.allSatisfy { $0.totalBytes <= 10 })
    }

    @Test func oversizeFilesAreSkippedWithAReasonAndNothingAborts() {
        let plan = BatchPlanner(limits: PlanningLimits(maxBytesPerJob: 2048, maxFilesPerJob: 25)).plan(
            files([10, 4096, 20]))
        #expect(plan.fileCount == 2)
        #expect(plan.skipped.map(\.file.relativePath) == ["f1"])
        #expect(plan.skipped[0].reason.contains("DXR_MAX_BYTES_PER_JOB"))
        #expect(plan.skipped[0].reason.contains("4.0 KiB (4096 bytes)"))
    }

    @Test func zeroByteFilesAreOrdinary() {
        let plan = BatchPlanner(limits: PlanningLimits(maxBytesPerJob: 1, maxFilesPerJob: 3)).plan(files([0, 0, 0, 0]))
        #expect(plan.batches.map { $0.files.count } == [3, 1])
        #expect(plan.totalBytes == 0)
    }

    @Test func emptyInputPlansNothing() {
        let plan = BatchPlanner(limits: .playbookDefaults).plan([])
        #expect(plan.batches.isEmpty && plan.skipped.isEmpty)
    }

    @Test func byteCountsReadWell() {
        #expect(ByteCount.describe(512) == "512 B")
        #expect(ByteCount.describe(31_457_280) == "30.0 MiB (31457280 bytes)")
    }
}
