import DXR
import Databricks
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

    /// Opens the configured store: the SQLite file, or the Delta table through its executor.
    static func store(
        for configuration: PlanConfiguration, workspace: WorkspaceClient?, logger: Logger
    ) throws -> any MetadataStore {
        if case .sqlite(let path) = configuration.metadata.backend {
            return try SQLiteMetadataStore(configuration: configuration.metadata, path: path)
        }
        return DeltaMetadataStore(
            executor: executor(for: configuration, workspace: workspace)!, configuration: configuration.metadata,
            logger: logger)
    }

    /// What runs the Delta table's statements: the SQL warehouse, or the cluster's Spark session
    /// through the wrapper's socket; `nil` for the SQLite store.
    static func executor(for configuration: PlanConfiguration, workspace: WorkspaceClient?) -> (any StatementExecutor)?
    {
        switch (configuration.metadata.backend, workspace) {
        case (.sqlite, _):
            return nil
        case (.spark(let socketPath), _):
            return SparkBridge(socketPath: socketPath)
        case (.databricks(let warehouseID), let workspace?):
            return SQLWarehouse(client: workspace, warehouseID: warehouseID)
        case (.databricks, nil):
            preconditionFailure("a workspace is opened whenever the metadata backend is databricks")
        }
    }

    /// Opens the workspace if the store needs one, then the store, and runs `body` with it.
    static func withStore<Result: Sendable>(
        for configuration: PlanConfiguration, logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (any MetadataStore) async throws -> Result
    ) async throws -> Result {
        try await Workspaces.withWorkspace(if: needsWorkspace(configuration), configuration.databricks, logger: logger)
        { workspace in
            try await body(try store(for: configuration, workspace: workspace, logger: logger))
        }
    }

    /// The DXR token: `DXR_API_TOKEN`, or the Databricks secret it names (through the Secrets
    /// API, or with `dbutils` through the wrapper on a cluster).
    static func token(for configuration: DXRConfiguration, workspace: WorkspaceClient?) async throws -> Secret {
        switch (configuration.token, workspace) {
        case (.direct(let secret), _):
            return secret
        case (.clusterSecret(let scope, let key, let socketPath), _):
            return try await SparkBridge(socketPath: socketPath).secret(scope: scope, key: key)
        case (.databricksSecret(let scope, let key), let workspace?):
            return try await workspace.secret(scope: scope, key: key)
        case (.databricksSecret, nil):
            preconditionFailure("a workspace is opened whenever the token is a Databricks secret")
        }
    }

    /// Whether the run needs a Databricks workspace.
    static func needsWorkspace(_ configuration: SyncConfiguration) -> Bool {
        if needsWorkspace(configuration.plan) { return true }
        if case .databricksSecret = configuration.dxr.token { return true }
        return false
    }

    /// Whether listing or storing needs a Databricks workspace.
    static func needsWorkspace(_ configuration: PlanConfiguration) -> Bool {
        if configuration.volume.source == .filesAPI { return true }
        if case .databricks = configuration.metadata.backend { return true }
        return false
    }

    /// Runs one sync; returns its summary.
    static func run(
        _ configuration: SyncConfiguration, full: Bool, retry: RetryPolicy = .standard, logger: Logger
    ) async throws -> RunSummary {
        try await withPipelines(configuration, retry: retry, logger: logger) { _, makePipeline in
            let (stopRequests, signalSources) = StopSignals.stream()
            defer { for source in signalSources { source.cancel() } }
            return try await makePipeline(configuration.plan).run(full: full, stopRequests: stopRequests)
        }
    }

    /// Runs the sync of every volume of the estate scope in turn, into the one table, with one DXR
    /// connection and one store. A volume that cannot be listed is skipped with the reason; an
    /// interruption or a fatal error stops the run, and the volumes not reached are named.
    static func runEstate(
        _ configuration: SyncConfiguration, estate: EstateScope, full: Bool, retry: RetryPolicy = .standard,
        logger: Logger
    ) async throws -> EstateSummary {
        try await withPipelines(configuration, retry: retry, logger: logger) { workspace, makePipeline in
            let catalogue = VolumeSources.catalogue(for: configuration.plan, workspace: workspace)
            let found = await estate.resolve(with: catalogue)
            var summary = EstateSummary(
                scope: estate.roots.map(\.description), catalogue: catalogue.location, runs: [], skipped: found.skipped,
                notRun: [])
            for (index, volume) in found.volumes.enumerated() {
                var plan = configuration.plan
                plan.volume.scope = volume
                let (stopRequests, signalSources) = StopSignals.stream()
                defer { for source in signalSources { source.cancel() } }
                do {
                    let run = try await makePipeline(plan).run(full: full, stopRequests: stopRequests)
                    summary.runs.append(run)
                    guard run.status != .interrupted && run.exitStatus != .fatal else {
                        summary.notRun = found.volumes[(index + 1)...].map(\.rootPath)
                        break
                    }
                } catch let error as VolumeSourceError {
                    summary.skipped.append(
                        SkippedVolume(
                            name: "\(volume.catalog).\(volume.schema).\(volume.volume)", reason: error.description))
                }
            }
            return summary
        }
    }

    /// Opens the workspace (when needed), the store and the DXR connection once, and hands `body`
    /// a maker of pipelines for one volume each.
    private static func withPipelines<Result: Sendable>(
        _ configuration: SyncConfiguration, retry: RetryPolicy, logger: Logger,
        _ body: (WorkspaceClient?, (PlanConfiguration) -> SyncPipeline) async throws -> Result
    ) async throws -> Result {
        let plan = configuration.plan
        let display = ProgressDisplay()
        return try await Workspaces.withWorkspace(if: needsWorkspace(configuration), plan.databricks, logger: logger) {
            workspace in
            let store = try store(for: plan, workspace: workspace, logger: logger)
            let token = try await token(for: configuration.dxr, workspace: workspace)
            return try await DXRConnection.withConnection(configuration.dxr, token: token, retry: retry, logger: logger)
            { connection in
                try await body(workspace) { volume in
                    SyncPipeline(
                        scope: volume.volume.scope, limits: plan.limits,
                        maxConcurrentJobs: configuration.dxr.maxConcurrentJobs,
                        source: VolumeSources.make(for: volume, workspace: workspace),
                        classifier: connection.classifier(), store: store, logger: logger,
                        selections: plan.selections, excludes: plan.excludes, policy: configuration.policy,
                        onProgress: { display.show($0) })
                }
            }
        }
    }
}
