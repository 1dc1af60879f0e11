import SyncCore
import Synchronization

/// A classifier that follows a script instead of calling DXR: the real ``Classifier`` protocol and
/// outcome types, no network, no timing. Each batch's outcomes come from `respond`, which may wait
/// for the test (a ``Gate``) or throw, so stop and fault tests are deterministic. The
/// emulator-backed tests prove the wire; these prove what the pipeline does with the answers.
package struct ScriptedClassifier: Classifier {
    package var rules: String?
    package let respond: @Sendable (FileBatch) async throws -> [FileOutcome]

    package init(
        rules: String? = "scripted-rules", respond: @escaping @Sendable (FileBatch) async throws -> [FileOutcome]
    ) {
        self.rules = rules
        self.respond = respond
    }

    package func classify(_ batch: FileBatch, from source: any VolumeSource) async throws -> [FileOutcome] {
        try await respond(batch)
    }

    package func fingerprint() async throws -> String? { rules }

    /// Every file of `batch` classified with `labels`, as job `job-<index>`.
    package static func classified(_ batch: FileBatch, labels: [String] = []) -> [FileOutcome] {
        batch.files.map {
            FileOutcome(
                file: $0, status: .classified, datasourceID: "1", jobID: "job-\(batch.index)",
                classification: Classification(
                    scanID: Int64(batch.index), labelIDs: labels, labelNames: labels))
        }
    }
}

/// A one-shot signal between a test and the classifier it scripts: `wait()` returns once `open()`
/// was called, at once if it already was. (A job meant to run until the pipeline cancels it
/// sleeps instead: `Task.sleep` ends on cancellation.)
package final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    package init() {}

    package func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    package func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }
}
