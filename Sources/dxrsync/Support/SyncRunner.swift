import ArgumentParser
import DXR
import Foundation
import HTTPSupport
import Logging
import SQLiteStore
import SyncCore

/// Wires a configuration to the pipeline: the volume source, the DXR connection and the store.
enum SyncRunner {
    /// A logger to standard error: debug with `DXR_DEBUG`, warnings otherwise.
    static func logger(debug: Bool) -> Logger {
        var logger = Logger(label: "dxrsync") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = debug ? .debug : .warning
        return logger
    }

    /// Opens the configured store.
    static func store(for configuration: PlanConfiguration) throws -> any MetadataStore {
        switch configuration.metadata.backend {
        case .sqlite(let path):
            return try SQLiteMetadataStore(configuration: configuration.metadata, path: path)
        case .databricks:
            printError(
                "dxrsync: METADATA_BACKEND=databricks is not available in this build yet; use METADATA_BACKEND=sqlite")
            throw ExitStatus.configurationError
        }
    }

    /// The DXR token from the configuration.
    static func token(for configuration: DXRConfiguration) throws -> Secret {
        switch configuration.token {
        case .direct(let secret):
            return secret
        case .databricksSecret(let scope, let key):
            printError(
                "dxrsync: reading the DXR token from Databricks secret \(scope)/\(key) is not available in this build yet; "
                    + "set DXR_API_TOKEN")
            throw ExitStatus.configurationError
        }
    }

    /// Runs one sync and prints the summary; returns the run's summary.
    static func run(
        _ configuration: SyncConfiguration, full: Bool, retry: RetryPolicy = .standard, logger: Logger
    ) async throws -> RunSummary {
        let plan = configuration.plan
        let source = try VolumeSources.make(for: plan)
        let store = try store(for: plan)
        let token = try token(for: configuration.dxr)
        let display = ProgressDisplay()
        let (stopRequests, signalSources) = StopSignals.stream()
        defer { for source in signalSources { source.cancel() } }
        return try await DXRConnection.withConnection(configuration.dxr, token: token, retry: retry, logger: logger) {
            connection in
            let pipeline = SyncPipeline(
                scope: plan.volume.scope, limits: plan.limits, maxConcurrentJobs: configuration.dxr.maxConcurrentJobs,
                source: source, classifier: connection.classifier(), store: store, logger: logger,
                onProgress: { display.show($0) })
            do {
                return try await pipeline.run(full: full, stopRequests: stopRequests)
            } catch let error as VolumeSourceError {
                printError("dxrsync: \(error)")
                throw ExitStatus.configurationError
            }
        }
    }
}
