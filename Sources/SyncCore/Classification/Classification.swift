/// What DXR returned for one file.
public struct Classification: Sendable, Hashable {
    /// The search hit's `_id` (DXR's file id).
    public var dxrFileID: String?
    /// The scan that indexed the file.
    public var scanID: Int64?
    /// Label ids from `dxr#tags`, as DXR returns them.
    public var labelIDs: [String]
    /// Label names resolved from those ids (an id stands in for a name that could not be resolved).
    public var labelNames: [String]
    /// Values of `ai#category`.
    public var categories: [String]
    /// Names of the detectors (annotators) that fired, without matched values.
    public var annotators: [String]
    /// `dxr#sha_256_hash`.
    public var sha256: String?
    /// `dxr#mime_type`.
    public var mimeType: String?
    /// The hit's `_source` as JSON, without extracted text and matched phrases.
    public var rawMetadata: String

    public init(
        dxrFileID: String? = nil,
        scanID: Int64? = nil,
        labelIDs: [String] = [],
        labelNames: [String] = [],
        categories: [String] = [],
        annotators: [String] = [],
        sha256: String? = nil,
        mimeType: String? = nil,
        rawMetadata: String = "{}"
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
    }
}
