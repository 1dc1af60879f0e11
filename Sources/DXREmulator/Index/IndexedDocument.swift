import SyncCore

/// A file in the emulator's index, shaped like a DXR search hit.
struct IndexedDocument: Sendable {
    /// The Elasticsearch-style document id (`_id`).
    var id: String
    var datasourceID: String
    var scanID: Int64
    var jobID: String
    var fileName: String
    /// Left out of search results by the dropped-hit fault.
    var hidden: Bool
    var source: [String: JSONValue]

    init(
        id: String, datasourceID: String, scanID: Int64, jobID: String, fileName: String, size: Int, mimeType: String,
        sha256: String, text: String, hidden: Bool
    ) {
        self.id = id
        self.datasourceID = datasourceID
        self.scanID = scanID
        self.jobID = jobID
        self.fileName = fileName
        self.hidden = hidden
        let classification = TextClassification(text: text)
        var source: [String: JSONValue] = [
            "ds#file_name": .string(fileName),
            "ds#file_path": .string("/" + fileName),
            "ds#file_size": .number(Double(size)),
            "datasource_id": .number(Double(Int(datasourceID) ?? 0)),
            "dxr#datasource_scan_id": .number(Double(scanID)),
            "dxr#sha_256_hash": .string(sha256),
            "dxr#mime_type": .string(mimeType),
            "dxr#tags": .array(classification.labelIDs.map { .number(Double($0)) }),
            "dxr#is_processed": .bool(true),
            "dxr#raw_text": .string(text),
            "ai#category": .string(classification.category),
            "annotators": .array(classification.findings.keys.sorted().map { .string("annotation.\($0)") }),
        ]
        for detector in Detector.all {
            let found = classification.findings[detector.id] ?? []
            source["annotation_stats#count.\(detector.id)"] = .number(Double(found.count))
            if !found.isEmpty { source["annotation.\(detector.id)"] = .array(found.map(JSONValue.string)) }
        }
        self.source = source
    }

    /// The `_source` without `excluded` fields (exact names, or `prefix.*` wildcards).
    func source(excluding excluded: [String]) -> [String: JSONValue] {
        source.filter { key, _ in
            !excluded.contains { pattern in
                pattern.hasSuffix("*") ? key.hasPrefix(pattern.dropLast()) : key == pattern
            }
        }
    }
}
