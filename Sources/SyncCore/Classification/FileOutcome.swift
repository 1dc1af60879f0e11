/// What happened to one file in a run: the input to its row.
package struct FileOutcome: Sendable, Hashable {
    package var file: VolumeFile
    package var status: FileStatus
    /// Why a file was skipped or failed; `nil` when classified.
    package var reason: String?
    /// The DXR datasource the file was sent to.
    package var datasourceID: String?
    /// The DXR job that carried the file.
    package var jobID: String?
    /// DXR's answer, when classified.
    package var classification: Classification?

    package init(
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
    package static func failed(
        _ file: VolumeFile, reason: String, datasourceID: String? = nil, jobID: String? = nil
    ) -> FileOutcome {
        FileOutcome(file: file, status: .failed, reason: reason, datasourceID: datasourceID, jobID: jobID)
    }
}
