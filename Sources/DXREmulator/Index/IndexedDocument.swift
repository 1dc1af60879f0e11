import SyncCore

/// A file in the emulator's index, kept compact (a million of them are indexed in the scale
/// benchmark) and shaped into a DXR search hit's `_source` when it is asked for.
struct IndexedDocument: Sendable {
    /// The Elasticsearch-style document id (`_id`).
    var id: String
    var datasourceID: String
    var scanID: Int64
    var jobID: String
    var fileName: String
    /// Left out of search results by the dropped-hit fault.
    var hidden: Bool
    var size: Int
    var mimeType: String
    var sha256: String
    /// The extracted text; `nil` when none could be extracted (a binary file).
    var text: String?
    var classification: TextClassification
    /// Label ids people removed from the document in DXR (`dxr#manually_removed_tags`).
    var manuallyRemoved: [Int]

    init(
        id: String, datasourceID: String, scanID: Int64, jobID: String, fileName: String, size: Int, mimeType: String,
        sha256: String, text: String?, rules: [LabelRule], manuallyRemoved: [Int], hidden: Bool
    ) {
        self.id = id
        self.datasourceID = datasourceID
        self.scanID = scanID
        self.jobID = jobID
        self.fileName = fileName
        self.hidden = hidden
        self.size = size
        self.mimeType = mimeType
        self.sha256 = sha256
        self.text = text
        let classification = TextClassification(text: text ?? "", rules: rules)
        self.classification = classification
        self.manuallyRemoved = manuallyRemoved.filter { classification.labelIDs.contains($0) }
    }

    /// The text-extraction status of a file whose text was read. DXR's words for it are not
    /// documented (the only sample, a mock in Ohalo's Databricks playbook, says `SUCCESS`), and a
    /// Java indexer may pass on its extraction library's own: Apache Tika's pipes say
    /// `PARSE_SUCCESS` (`PipesResult` status). The emulator says that, so a client has to judge
    /// the status by the values that mean failure, not by a list of success words.
    static let extractedStatus = "PARSE_SUCCESS"

    /// The `_source` without `excluded` fields (exact names, or `prefix.*` wildcards); without its
    /// labels while the smart labels are still being applied.
    func source(excluding excluded: [String], labelsApplied: Bool = true) -> [String: JSONValue] {
        var source: [String: JSONValue] = [
            "ds#file_name": .string(fileName),
            "ds#file_path": .string("/" + fileName),
            "ds#file_size": .number(Double(size)),
            "datasource_id": .number(Double(Int(datasourceID) ?? 0)),
            "dxr#datasource_scan_id": .number(Double(scanID)),
            "dxr#sha_256_hash": .string(sha256),
            "dxr#mime_type": .string(mimeType),
            "dxr#tags": .array(labelsApplied ? classification.labelIDs.map { .number(Double($0)) } : []),
            "dxr#manually_removed_tags": .array(manuallyRemoved.map { .number(Double($0)) }),
            "dxr#is_processed": .bool(true),
            "dxr#document_status": .string("PROCESSED"),
            "dxr#text_extraction_status": .string(text == nil ? "UNSUPPORTED_FORMAT" : Self.extractedStatus),
            "dxr#raw_text": .string(text ?? ""),
            "ai#category": .string(classification.category),
            "annotators": .array(classification.findings.keys.sorted().map { .string("annotation.\($0)") }),
        ]
        for detector in Detector.all {
            let found = classification.findings[detector.id] ?? []
            source["annotation_stats#count.\(detector.id)"] = .number(Double(found.count))
            source["annotation_stats#unique_phrase_count.\(detector.id)"] = .number(Double(Set(found).count))
            if !found.isEmpty { source["annotation.\(detector.id)"] = .array(found.map(JSONValue.string)) }
        }
        return source.filter { key, _ in
            !excluded.contains { pattern in
                pattern.hasSuffix("*") ? key.hasPrefix(pattern.dropLast()) : key == pattern
            }
        }
    }
}
