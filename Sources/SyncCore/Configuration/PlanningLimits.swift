/// The per-job budgets the batch planner packs files into.
package struct PlanningLimits: Sendable, Hashable {
    /// `DXR_MAX_BYTES_PER_JOB`; a single larger file is skipped.
    package var maxBytesPerJob: Int64
    /// `DXR_MAX_FILES_PER_JOB`.
    package var maxFilesPerJob: Int

    /// The playbook's defaults: 30 MiB and 25 files.
    package static let playbookDefaults = PlanningLimits(
        maxBytesPerJob: Settings.maxBytesPerJob.defaultValue, maxFilesPerJob: Settings.maxFilesPerJob.defaultValue)

    package init(maxBytesPerJob: Int64, maxFilesPerJob: Int) {
        self.maxBytesPerJob = maxBytesPerJob
        self.maxFilesPerJob = maxFilesPerJob
    }
}
