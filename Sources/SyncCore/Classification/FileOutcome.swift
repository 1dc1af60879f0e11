/// What happened to one file in a run: the input to its row.
public struct FileOutcome: Sendable, Hashable {
    public var file: VolumeFile
    public var status: FileStatus
    /// Why a file was skipped or failed; `nil` when classified.
    public var reason: String?
    /// The DXR datasource the file was sent to.
    public var datasourceID: String?
    /// The DXR job that carried the file.
    public var jobID: String?
    /// DXR's answer, when classified.
    public var classification: Classification?

    public init(
        file: VolumeFile,
        status: FileStatus,
        reason: String? = nil,
        datasourceID: String? = nil,
        jobID: String? = nil,
        classification: Classification? = nil
    ) {
        self.file = file
        self.status = status
        self.reason = reason
        self.datasourceID = datasourceID
        self.jobID = jobID
        self.classification = classification
    }

    /// A failed outcome.
    public static func failed(
        _ file: VolumeFile, reason: String, datasourceID: String? = nil, jobID: String? = nil
    ) -> FileOutcome {
        FileOutcome(file: file, status: .failed, reason: reason, datasourceID: datasourceID, jobID: jobID)
    }
}
