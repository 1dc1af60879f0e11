import Foundation

/// One row of the metadata table: the playbook's fifteen columns, then ours (``MetadataSchema``).
///
/// The classification columns (labels, tags, categories, raw metadata, scan and job ids,
/// `collected_at`, …) hold the last good classification: a row written with another status keeps
/// the stored ones. Written, `attempts` is the uploads of this run (added to the stored count);
/// read, it is the total.
package struct FileRecord: Sendable, Hashable {
    // The playbook's columns.
    package var filePath: String
    package var relativePath: String
    package var catalogName: String
    package var schemaName: String
    package var volumeName: String
    package var fileSize: Int64
    /// Whole seconds since the epoch.
    package var modificationTime: Int64
    package var datasourceID: String?
    package var datasourceScanID: Int64?
    package var jobID: String?
    /// Label names.
    package var labels: [String]
    /// Label ids, as DXR returns them.
    package var tags: [String]
    package var categories: [String]
    package var rawMetadata: String?
    /// When this classification was read from DXR; `nil` for a file never classified.
    package var collectedAt: Date?
    // Ours.
    package var status: FileStatus
    package var statusReason: String?
    package var attempts: Int
    package var dxrFileID: String?
    package var sha256: String?
    package var mimeType: String?
    package var annotators: [String]
    package var firstSeenAt: Date
    package var deletedAt: Date?
    package var runID: String
    /// When the file was last sent to DXR (or meant to be); a skip is not an attempt.
    package var lastAttemptAt: Date?
    /// How far DXR got with the file in the last attempt; `nil` in a row the playbook wrote.
    package var coverage: Coverage?
    /// The DXR rules (label and detector catalogue) the classification was made under.
    package var classifierFingerprint: String?
    /// Label names DXR lists as removed by a person (`dxr#manually_removed_tags`): reviewed away.
    package var dxrRemovedLabels: [String]

    package init(
        filePath: String, relativePath: String, catalogName: String, schemaName: String, volumeName: String,
        fileSize: Int64, modificationTime: Int64, datasourceID: String? = nil, datasourceScanID: Int64? = nil,
        jobID: String? = nil, labels: [String] = [], tags: [String] = [], categories: [String] = [],
        rawMetadata: String? = nil, collectedAt: Date?, status: FileStatus, statusReason: String? = nil,
        attempts: Int = 0,
        dxrFileID: String? = nil, sha256: String? = nil, mimeType: String? = nil, annotators: [String] = [],
        firstSeenAt: Date, deletedAt: Date? = nil, runID: String, lastAttemptAt: Date? = nil, coverage: Coverage? = nil,
        classifierFingerprint: String? = nil, dxrRemovedLabels: [String] = []
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
        self.lastAttemptAt = lastAttemptAt
        self.coverage = coverage
        self.classifierFingerprint = classifierFingerprint
        self.dxrRemovedLabels = dxrRemovedLabels
    }
}

/// What reconciliation needs of a stored row.
package struct StoredFileState: Sendable, Hashable {
    package var filePath: String
    package var fileSize: Int64
    package var modificationTime: Int64
    /// A row the playbook wrote has no status; it reads as `FAILED`, so the file is classified once
    /// more and the row gains our columns.
    package var status: FileStatus
    package var deletedAt: Date?
    /// The content hash of the last good classification.
    package var sha256: String?
    /// The DXR rules the last good classification was made under.
    package var classifierFingerprint: String?
    /// When the last good classification was read from DXR.
    package var collectedAt: Date?
    /// What the last good classification found, as the stores keep it (JSON arrays of names):
    /// decoded only for the files a run classifies again, for the label history, never for the
    /// unchanged ones, which are nearly all of a no-op run.
    package var labelsJSON: String?
    package var detectorsJSON: String?

    /// The label names of the last good classification.
    package var labels: [String] { StringListJSON.decode(labelsJSON) }
    /// The detector names of the last good classification.
    package var detectors: [String] { StringListJSON.decode(detectorsJSON) }

    package init(
        filePath: String, fileSize: Int64, modificationTime: Int64, status: FileStatus, deletedAt: Date?,
        sha256: String? = nil, classifierFingerprint: String? = nil, collectedAt: Date? = nil,
        labelsJSON: String? = nil, detectorsJSON: String? = nil
    ) {
        self.filePath = filePath
        self.fileSize = fileSize
        self.modificationTime = modificationTime
        self.status = status
        self.deletedAt = deletedAt
        self.sha256 = sha256
        self.classifierFingerprint = classifierFingerprint
        self.collectedAt = collectedAt
        self.labelsJSON = labelsJSON
        self.detectorsJSON = detectorsJSON
    }

    /// The columns it is read from, in order.
    package static let columns = [
        "file_path", "file_size", "modification_time", "status", "deleted_at", "sha256", "classifier_fingerprint",
        "collected_at", "labels", "annotators",
    ]
}
