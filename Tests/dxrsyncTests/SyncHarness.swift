import DXREmulator
import Foundation
import SQLiteStore
import SyncCore
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A volume at `<base>/main/hr/docs`, a SQLite file, and `dxrsync sync` run as a real process
/// against an emulator served by the test process.
struct SyncHarness {
    static let token = "e2e-token-7f3a"

    let base = TemporaryDirectory("volume")
    let work = TemporaryDirectory("work")
    var databasePath: String { work.url("store/dxr.sqlite").path }
    let scope = VolumeScope(catalog: "main", schema: "hr", volume: "docs")

    /// Writes a file into the volume.
    @discardableResult
    func write(_ relative: String, _ contents: String) throws -> URL {
        try base.write("main/hr/docs/" + relative, contents)
    }

    func environment(url: String, _ extra: [String: String] = [:]) -> [String: String] {
        [
            "VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs", "VOLUME_BASE_PATH": base.path,
            "DXR_BASE_URL": url, "DXR_DATASOURCE_ID": "1", "DXR_API_TOKEN": Self.token,
            "DXR_POLL_INTERVAL_SECONDS": "0.05",
            "METADATA_SQLITE_PATH": databasePath, "PATH": "/usr/bin:/bin",
        ].merging(extra) { $1 }
    }

    /// Runs `dxrsync sync` against `url`.
    func sync(url: String, _ extra: [String: String] = [:], arguments: [String] = []) async throws -> ProcessResult {
        try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, ["sync"] + arguments, environment: environment(url: url, extra),
            workingDirectory: work.path)
    }

    /// Starts an emulator, runs `body`, and returns its result with the emulator's statistics.
    static func withEmulator<Result: Sendable>(
        faults: EmulatorFaults = fastFaults, token: String = token, _ body: (String) async throws -> Result
    ) async throws -> (Result, EmulatorStatistics) {
        try await DXREmulatorServer.withRunning(EmulatorConfiguration(token: token, faults: faults)) { running in
            let result = try await body(running.url)
            return (result, await running.store.statistics)
        }
    }

    static var fastFaults: EmulatorFaults {
        var faults = EmulatorFaults()
        faults.jobLatency = .milliseconds(30)
        return faults
    }

    /// Every row of the volume, in byte order of the path.
    func records(at path: String? = nil) async throws -> [FileRecord] {
        let store = try SQLiteMetadataStore(
            path: path ?? databasePath, table: "docs_metadata")
        return try await store.records(under: scope.rootPath + "/")
    }

    /// Every row of the volume, keyed by relative path (`String` keys: canonically equal names merge).
    func rows(at path: String? = nil) async throws -> [String: FileRecord] {
        Dictionary(try await records(at: path).map { ($0.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func rowCount(at path: String? = nil) async throws -> Int { try await records(at: path).count }

    func runs(at path: String? = nil) async throws -> [RunRecord] {
        let store = try SQLiteMetadataStore(
            path: path ?? databasePath, table: "docs_metadata")
        return try await store.recentRuns(limit: 100)
    }

    /// Starts `dxrsync sync`, sends `signal` after `delay`, and returns its exit status
    /// (or `128 + signal` when the signal killed it).
    func syncAndSignal(
        url: String, extra: [String: String] = [:], signal: Int32, after delay: Duration
    ) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessRunner.dxrsyncBinary)
        process.arguments = ["sync"]
        process.environment = environment(url: url, extra)
        process.currentDirectoryURL = URL(fileURLWithPath: work.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: delay)
        kill(process.processIdentifier, signal)
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                process.waitUntilExit()
                continuation.resume(
                    returning: process.terminationReason == .uncaughtSignal
                        ? 128 + process.terminationStatus : process.terminationStatus)
            }
        }
    }
}
