import Foundation

/// One row of the metadata table: the playbook's fifteen columns, then ours (DESIGN.md).
public struct FileRecord: Sendable, Hashable {
    // The playbook's columns.
    public var filePath: String
    public var relativePath: String
    public var catalogName: String
    public var schemaName: String
    public var volumeName: String
    public var fileSize: Int64
    /// Whole seconds since the epoch.
    public var modificationTime: Int64
    public var datasourceID: String?
    public var datasourceScanID: Int64?
    public var jobID: String?
    /// Label names.
    public var labels: [String]
    /// Label ids, as DXR returns them.
    public var tags: [String]
    public var categories: [String]
    public var rawMetadata: String?
    public var collectedAt: Date
    // Ours.
    public var status: FileStatus
    public var statusReason: String?
    public var attempts: Int
    public var dxrFileID: String?
    public var sha256: String?
    public var mimeType: String?
    public var annotators: [String]
    public var firstSeenAt: Date
    public var deletedAt: Date?
    public var runID: String

    public init(
        filePath: String, relativePath: String, catalogName: String, schemaName: String, volumeName: String,
        fileSize: Int64, modificationTime: Int64, datasourceID: String? = nil, datasourceScanID: Int64? = nil,
        jobID: String? = nil, labels: [String] = [], tags: [String] = [], categories: [String] = [],
        rawMetadata: String? = nil, collectedAt: Date, status: FileStatus, statusReason: String? = nil,
        attempts: Int = 0,
        dxrFileID: String? = nil, sha256: String? = nil, mimeType: String? = nil, annotators: [String] = [],
        firstSeenAt: Date, deletedAt: Date? = nil, runID: String
    ) {
        self.filePath = filePath
        self.relativePath = relativePath
        self.catalogName = catalogName
        self.schemaName = schemaName
        self.volumeName = volumeName
        self.fileSize = fileSize
        self.modificationTime = modificationTime
        self.datasourceID = datasourceID
        self.datasourceScanID = datasourceScanID
        self.jobID = jobID
        self.labels = labels
        self.tags = tags
        self.categories = categories
        self.rawMetadata = rawMetadata
        self.collectedAt = collectedAt
        self.status = status
        self.statusReason = statusReason
        self.attempts = attempts
        self.dxrFileID = dxrFileID
        self.sha256 = sha256
        self.mimeType = mimeType
        self.annotators = annotators
        self.firstSeenAt = firstSeenAt
        self.deletedAt = deletedAt
        self.runID = runID
    }
}

/// What the store remembers of a file, enough to reconcile a new listing with it.
public struct StoredFileState: Sendable, Hashable {
    public var filePath: String
    public var fileSize: Int64
    public var modificationTime: Int64
    public var status: FileStatus
    public var attempts: Int
    public var firstSeenAt: Date?
    public var deletedAt: Date?

    public init(
        filePath: String, fileSize: Int64, modificationTime: Int64, status: FileStatus, attempts: Int,
        firstSeenAt: Date?, deletedAt: Date?
    ) {
        self.filePath = filePath
        self.fileSize = fileSize
        self.modificationTime = modificationTime
        self.status = status
        self.attempts = attempts
        self.firstSeenAt = firstSeenAt
        self.deletedAt = deletedAt
    }
}
