import DXR
import DXREmulator
import Foundation
import HTTPSupport
import Logging
import SQLiteStore
import SyncCore
import TestSupport

/// The whole pipeline in this process: a volume in a temporary folder, the DXR client against an
/// in-process emulator on 127.0.0.1, and a SQLite file; the clock and the run ids are the test's.
struct PipelineHarness {
    static let token = "pipeline-token"

    let volume = TemporaryDirectory("volume")
    let work = TemporaryDirectory("work")
    let scope = VolumeScope(catalog: "main", schema: "hr", volume: "docs")
    let clock = TestClock()
    var limits = PlanningLimits.playbookDefaults
    var maxConcurrentJobs = 2
    var policy = RunPolicy()
    /// `DXRSYNC_EXCLUDE`.
    var excludes: [GlobPattern] = []
    /// `DXRSYNC_PART`.
    var selections: [FolderSelection] = [.everything]
    var jobRetries = 0
    /// The emulator's label rules file (``LabelRuleSet``), read again when it changes.
    var rulesFile: String?
    var catalogue = EmulatorConfiguration.CatalogueAPI.current
    var faults: EmulatorFaults = {
        var faults = EmulatorFaults()
        faults.jobLatency = .milliseconds(20)
        return faults
    }()

    var databasePath: String { work.url("store/dxr.sqlite").path }

    /// Writes a file into the volume.
    @discardableResult
    func write(_ relative: String, _ contents: String) throws -> URL { try volume.write(relative, contents) }

    func store(path: String? = nil) throws -> SQLiteMetadataStore {
        try SQLiteMetadataStore(path: path ?? databasePath, table: "docs_metadata")
    }

    /// One run of the pipeline as `runID`; returns its summary and what the emulator received.
    /// `stopEmulatorAfterJobs` takes DXR down (its port closes) once that many jobs finished.
    func sync(
        _ runID: String, full: Bool = false, store: (any MetadataStore)? = nil,
        source: (any VolumeSource)? = nil, stopAfterJobs: Int? = nil, stopEmulatorAfterJobs: Int? = nil,
        onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) async throws -> (summary: RunSummary, statistics: EmulatorStatistics) {
        let emulator = EmulatorConfiguration(
            token: Self.token, faults: faults, rulesFile: rulesFile, catalogue: catalogue)
        return try await DXREmulatorServer.withRunning(emulator) { running in
            let (outage, takeDown) = AsyncStream.makeStream(of: Void.self)
            let summary = try await withThrowingTaskGroup(of: RunSummary?.self) { group in
                group.addTask {
                    for await _ in outage {
                        await running.stop()
                        break
                    }
                    return nil
                }
                defer { group.cancelAll() }
                return try await sync(
                    runID, against: running.url, full: full, store: store, source: source,
                    stopAfterJobs: stopAfterJobs
                ) { progress in
                    onProgress(progress)
                    if let stopEmulatorAfterJobs, progress.jobsDone >= stopEmulatorAfterJobs { takeDown.yield() }
                }
            }
            return (summary, await running.store.statistics)
        }
    }

    /// One run of the pipeline as `runID` against the DXR at `url` (which may be nothing at all).
    func sync(
        _ runID: String, against url: String, full: Bool = false,
        store: (any MetadataStore)? = nil, source: (any VolumeSource)? = nil, stopAfterJobs: Int? = nil,
        connectTimeout: Duration = .seconds(2), onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) async throws -> RunSummary {
        let dxr = DXRConfiguration(
            baseURL: URL(string: url)!, datasourceIDs: ["1"], token: .direct(Secret(Self.token)),
            pollIntervalSeconds: 0.02, jobTimeoutSeconds: 20, jobRetries: jobRetries)
        return try await DXRConnection.withConnection(
            dxr, token: Secret(Self.token), retry: Self.fastRetry, connectTimeout: connectTimeout, logger: Self.logger
        ) { connection in
            try await sync(
                runID, with: connection.classifier(), full: full, store: store, source: source,
                stopAfterJobs: stopAfterJobs, onProgress: onProgress)
        }
    }

    /// One run of the pipeline as `runID` with `classifier` (a ``ScriptedClassifier``, or the DXR
    /// client). `stopAfterJobs` sends a stop signal once that many jobs finished.
    func sync(
        _ runID: String, with classifier: any Classifier, full: Bool = false,
        store: (any MetadataStore)? = nil, source: (any VolumeSource)? = nil, stopAfterJobs: Int? = nil,
        onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) async throws -> RunSummary {
        let (stops, stop) = AsyncStream.makeStream(of: Void.self)
        let pipeline = SyncPipeline(
            scope: scope, limits: limits, maxConcurrentJobs: maxConcurrentJobs,
            source: source ?? LocalVolumeSource(root: volume.path), classifier: classifier,
            store: try store ?? self.store(), logger: Self.logger,
            selections: selections, excludes: excludes, policy: policy,
            now: { clock.now() },
            onProgress: { progress in
                onProgress(progress)
                if let stopAfterJobs, progress.jobsDone >= stopAfterJobs { stop.yield() }
            })
        return try await pipeline.run(runID: runID, full: full, stopRequests: stops)
    }

    /// Every row of the volume, keyed by relative path.
    func rows(path: String? = nil) async throws -> [String: FileRecord] {
        let records = try await store(path: path).records(under: scope.rootPath + "/")
        return Dictionary(records.map { ($0.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func runs(path: String? = nil) async throws -> [RunRecord] { try await store(path: path).recentRuns(limit: 100) }

    static let logger = Logger.quiet("pipeline-test", level: .critical)
    static let fastRetry = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20))
}
