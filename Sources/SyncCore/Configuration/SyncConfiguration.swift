/// Everything `plan` needs: the volume, the budgets and the metadata table's name.
package struct PlanConfiguration: Sendable, Hashable {
    package var volume: VolumeConfiguration
    package var limits: PlanningLimits
    package var metadata: MetadataConfiguration
    package var databricks: DatabricksConfiguration
    /// `DXR_DEBUG`.
    package var debug: Bool
    /// `DXRSYNC_SHARD`: only this part of the volume, or all of it.
    package var shard: Shard?

    package init(
        volume: VolumeConfiguration,
        limits: PlanningLimits = .playbookDefaults,
        metadata: MetadataConfiguration,
        databricks: DatabricksConfiguration = DatabricksConfiguration(),
        debug: Bool = false,
        shard: Shard? = nil
    ) {
        self.shard = shard
        self.volume = volume
        self.limits = limits
        self.metadata = metadata
        self.databricks = databricks
        self.debug = debug
    }
}

/// Everything `sync` needs: the plan configuration, how to reach DXR, and the run's rails.
package struct SyncConfiguration: Sendable, Hashable {
    package var plan: PlanConfiguration
    package var dxr: DXRConfiguration
    package var policy: RunPolicy

    package init(plan: PlanConfiguration, dxr: DXRConfiguration, policy: RunPolicy = RunPolicy()) {
        self.plan = plan
        self.dxr = dxr
        self.policy = policy
    }
}
