/// What DXR returned for one file.
package struct Classification: Sendable, Hashable {
    /// The search hit's `_id` (DXR's file id).
    package var dxrFileID: String?
    /// The scan that indexed the file.
    package var scanID: Int64?
    /// Label ids from `dxr#tags`, as DXR returns them.
    package var labelIDs: [String]
    /// Label names resolved from those ids (an id stands in for a name that could not be resolved).
    package var labelNames: [String]
    /// Values of `ai#category`.
    package var categories: [String]
    /// Names of the detectors (annotators) that fired, without matched values.
    package var annotators: [String]
    /// `dxr#sha_256_hash`.
    package var sha256: String?
    /// `dxr#mime_type`.
    package var mimeType: String?
    /// The hit's `_source` as JSON, without extracted text and matched phrases.
    package var rawMetadata: String
    /// Whether DXR read the file's text (`dxr#text_extraction_status`, `dxr#document_status`,
    /// `dxr#metadata_extraction_status`): without it an empty verdict means nothing.
    package var textExtracted: Bool
    /// Label names DXR lists as removed by a person (`dxr#manually_removed_tags`).
    package var removedLabels: [String]

    /// How far DXR got: findings, none, or no text to look at.
    package var coverage: Coverage {
        if !labelNames.isEmpty || !annotators.isEmpty { return .withFindings }
        return textExtracted ? .noFindings : .textNotExtracted
    }

    package init(
        dxrFileID: String? = nil,
        scanID: Int64? = nil,
        labelIDs: [String] = [],
        labelNames: [String] = [],
        categories: [String] = [],
        annotators: [String] = [],
        sha256: String? = nil,
        mimeType: String? = nil,
        rawMetadata: String = "{}",
        textExtracted: Bool = true,
        removedLabels: [String] = []
    ) {
        self.dxrFileID = dxrFileID
        self.scanID = scanID
        self.labelIDs = labelIDs
        self.labelNames = labelNames
        self.categories = categories
        self.annotators = annotators
        self.sha256 = sha256
        self.mimeType = mimeType
        self.rawMetadata = rawMetadata
        self.textExtracted = textExtracted
        self.removedLabels = removedLabels
    }
}
