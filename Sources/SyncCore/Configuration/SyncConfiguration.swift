/// Everything `plan` needs: the volume, the budgets, the metadata table and the run's rails.
package struct PlanConfiguration: Sendable, Hashable {
    package var volume: VolumeConfiguration
    /// `DXRSYNC_SCOPE`: the volumes of an estate run, or `nil` for the one ``volume``.
    package var estate: EstateScope?
    package var limits: PlanningLimits
    package var metadata: MetadataConfiguration
    package var databricks: DatabricksConfiguration
    /// `DXR_DEBUG`.
    package var debug: Bool
    /// `DXRSYNC_PART`: the folders of the scope this run covers (the whole scope by default).
    package var selections: [FolderSelection]
    /// `DXRSYNC_EXCLUDE`: patterns of paths inside the volume to leave out.
    package var excludes: [GlobPattern]
    /// The safety rails, the re-scan policy and the run budget (`plan --incremental` applies them too).
    package var policy: RunPolicy

    package init(
        volume: VolumeConfiguration,
        estate: EstateScope? = nil,
        limits: PlanningLimits = .playbookDefaults,
        metadata: MetadataConfiguration,
        databricks: DatabricksConfiguration = DatabricksConfiguration(),
        debug: Bool = false,
        selections: [FolderSelection] = [.everything],
        excludes: [GlobPattern] = [],
        policy: RunPolicy = RunPolicy()
    ) {
        self.selections = selections
        self.excludes = excludes
        self.policy = policy
        self.volume = volume
        self.estate = estate
        self.limits = limits
        self.metadata = metadata
        self.databricks = databricks
        self.debug = debug
    }
}

extension PlanConfiguration {
    /// The Unity Catalog path the table's report covers: the volume (or its folder), the one path
    /// of `DXRSYNC_SCOPE`, or all of `/Volumes` for several.
    package var reportScope: String {
        guard let estate else { return volume.scope.rootPath }
        return estate.roots.count == 1 ? estate.roots[0].description : "/Volumes"
    }
}

/// Everything `sync` needs: the plan configuration and how to reach DXR.
package struct SyncConfiguration: Sendable, Hashable {
    package var plan: PlanConfiguration
    package var dxr: DXRConfiguration
    /// `DXRSYNC_WEBHOOK_URL`: where each run's summary is posted (a secret: incoming-webhook URLs
    /// carry their credential in the path).
    package var webhook: Secret?

    package init(plan: PlanConfiguration, dxr: DXRConfiguration, webhook: Secret? = nil) {
        self.plan = plan
        self.dxr = dxr
        self.webhook = webhook
    }

    /// The run's rails (``PlanConfiguration/policy``).
    package var policy: RunPolicy {
        get { plan.policy }
        set { plan.policy = newValue }
    }
}
