/// Everything `plan` needs: the volume, the budgets and the metadata table's name.
public struct PlanConfiguration: Sendable, Hashable {
    public var volume: VolumeConfiguration
    public var limits: PlanningLimits
    public var metadata: MetadataConfiguration
    public var databricks: DatabricksConfiguration
    /// `DXR_DEBUG`.
    public var debug: Bool
    /// `DXRSYNC_SHARD`: only this part of the volume, or all of it.
    public var shard: Shard?

    public init(
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

/// Everything `sync` needs: the plan configuration plus how to reach DXR.
public struct SyncConfiguration: Sendable, Hashable {
    public var plan: PlanConfiguration
    public var dxr: DXRConfiguration

    public init(plan: PlanConfiguration, dxr: DXRConfiguration) {
        self.plan = plan
        self.dxr = dxr
    }
}
