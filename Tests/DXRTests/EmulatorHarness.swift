import DXR
import DXREmulator
import Foundation
import HTTPSupport
import Logging
import NIOSSL
import SyncCore
import TestSupport

/// Runs the DXR client against a live emulator on 127.0.0.1 and a real temporary volume.
struct EmulatorHarness {
    static let token = "contract-test-token"

    var faults = EmulatorFaults()
    var datasourceIDs = ["41"]
    var clientDatasourceIDs: [String]?
    var clientToken = EmulatorHarness.token
    var jobTimeoutSeconds = 30.0
    var jobRetries = 0
    var pageSize = 100
    var maxConcurrentJobs = 1
    /// Serve HTTPS with this configuration.
    var serverTLS: TLSConfiguration?
    var verifyTLS = true
    var caBundlePath: String?

    /// A quiet logger for the client.
    static var logger: Logger {
        let logger = Logger.quiet("dxr-test", level: .error)
        return logger
    }

    /// Fast retries so fault tests finish quickly.
    static let fastRetry = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20))

    func configuration(url: String) -> DXRConfiguration {
        DXRConfiguration(
            baseURL: URL(string: url)!, datasourceIDs: clientDatasourceIDs ?? datasourceIDs,
            token: .direct(Secret(clientToken)),
            pollIntervalSeconds: 0.05, jobTimeoutSeconds: jobTimeoutSeconds, jobRetries: jobRetries,
            verifyTLS: verifyTLS,
            caBundlePath: caBundlePath)
    }

    /// Classifies `batches` of the files in `volume` and returns the emulator's statistics too.
    func classify(
        _ batches: [FileBatch], from volume: TemporaryDirectory
    ) async throws -> (outcomes: [[FileOutcome]], statistics: EmulatorStatistics) {
        var emulatorFaults = faults
        emulatorFaults.jobLatency =
            faults.jobLatency == EmulatorFaults().jobLatency ? .milliseconds(60) : faults.jobLatency
        let emulator = EmulatorConfiguration(token: Self.token, datasourceIDs: datasourceIDs, faults: emulatorFaults)
        return try await DXREmulatorServer.withRunning(emulator, tls: serverTLS) { running in
            let outcomes = try await DXRConnection.withConnection(
                configuration(url: running.url), token: Secret(clientToken), retry: Self.fastRetry,
                connectTimeout: .seconds(2),
                logger: Self.logger
            ) { connection in
                try await JobScheduler(maxConcurrentJobs: maxConcurrentJobs).classifyAll(
                    batches, with: connection.classifier(pageSize: pageSize), from: LocalVolumeSource(root: volume.path)
                )
            }
            return (outcomes, await running.store.statistics)
        }
    }

    /// Lists `volume` and puts every file in one batch.
    static func oneBatch(_ volume: TemporaryDirectory) async throws -> FileBatch {
        FileBatch(index: 0, files: try await LocalVolumeSource(root: volume.path).list().files)
    }
}
