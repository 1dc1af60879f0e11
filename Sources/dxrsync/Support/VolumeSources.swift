import Databricks
import Logging
import SyncCore

/// Picks the ``VolumeSource`` the configuration asks for.
enum VolumeSources {
    static func make(for config: PlanConfiguration, workspace: WorkspaceClient?) -> any VolumeSource {
        switch (config.volume.source, workspace) {
        case (.filesAPI, let workspace?):
            return FilesAPIVolumeSource(client: workspace, scope: config.volume.scope)
        default:
            return LocalVolumeSource(configuration: config.volume)
        }
    }
}

extension VolumeSources {
    /// Where an estate scope's volumes are found: the Unity Catalog API with the Files API source,
    /// the mount's folders otherwise.
    static func catalogue(for config: PlanConfiguration, workspace: WorkspaceClient?) -> any VolumeCatalogue {
        if config.volume.source == .filesAPI, let workspace { return UnityCatalogVolumes(client: workspace) }
        return MountedVolumeCatalogue(basePath: config.volume.basePath)
    }
}

/// Opens a workspace connection only when the run needs one (Files API source, DXR token in a
/// secret scope, the Delta store).
enum Workspaces {
    static func withWorkspace<Result: Sendable>(
        if needed: Bool, _ configuration: DatabricksConfiguration, logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (WorkspaceClient?) async throws -> Result
    ) async throws -> Result {
        guard needed else { return try await body(nil) }
        return try await WorkspaceConnection.withConnection(configuration, logger: logger) { try await body($0) }
    }
}
