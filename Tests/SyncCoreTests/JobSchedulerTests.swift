import SyncCore
import Synchronization
import TestSupport
import Testing

/// The scheduler's stop rule, with a scripted classifier (no network, no timing).
@Suite struct JobSchedulerTests {
    static func batches(_ count: Int) -> [FileBatch] {
        (0..<count).map {
            FileBatch(
                index: $0, files: [VolumeFile(relativePath: "f\($0).txt", size: 1, modified: FileTime(seconds: 0))])
        }
    }

    /// A fatal error while another job runs: that job finishes and hands over its outcomes, then
    /// the error is rethrown.
    @Test func aFatalErrorLetsTheJobsInFlightFinish() async throws {
        let gate = Gate()
        let classifier = ScriptedClassifier { batch in
            if batch.index == 1 {
                gate.open()
                throw FatalClassifierError("DXR at http://dxr gave no HTTP answer")
            }
            await gate.wait()
            return ScriptedClassifier.classified(batch)
        }
        let finished = Mutex<[Int]>([])
        let error = await #expect(throws: FatalClassifierError.self) {
            try await JobScheduler(maxConcurrentJobs: 2).classifyAll(
                Self.batches(2), with: classifier, from: LocalVolumeSource(root: "/nonexistent")
            ) { batch, _ in finished.withLock { $0.append(batch.index) } }
        }
        #expect(error?.message == "DXR at http://dxr gave no HTTP answer")
        #expect(finished.withLock { $0 } == [0])
    }

    /// Any other error is rethrown at once.
    @Test func anotherErrorIsRethrown() async throws {
        struct Broken: Error {}
        let classifier = ScriptedClassifier { _ in throw Broken() }
        await #expect(throws: Broken.self) {
            try await JobScheduler(maxConcurrentJobs: 2).classifyAll(
                Self.batches(3), with: classifier, from: LocalVolumeSource(root: "/nonexistent")
            ) { _, _ in }
        }
    }
}
