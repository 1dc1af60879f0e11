/// The per-job budgets the batch planner packs files into.
public struct PlanningLimits: Sendable, Hashable {
    /// `DXR_MAX_BYTES_PER_JOB`; a single larger file is skipped.
    public var maxBytesPerJob: Int64
    /// `DXR_MAX_FILES_PER_JOB`.
    public var maxFilesPerJob: Int

    /// The playbook's defaults: 30 MiB and 25 files.
    public static let playbookDefaults = PlanningLimits(maxBytesPerJob: 30 * 1_048_576, maxFilesPerJob: 25)

    public init(maxBytesPerJob: Int64, maxFilesPerJob: Int) {
        self.maxBytesPerJob = maxBytesPerJob
        self.maxFilesPerJob = maxFilesPerJob
    }
}
