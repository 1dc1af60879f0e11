import Foundation
import SyncCore

/// Turns a search hit's `_source` into the parts of a row.
enum HitMapping {
    /// The upload name a hit belongs to: `ds#file_name` without a leading `/`.
    static func uploadName(of source: [String: JSONValue]) -> String? {
        guard var name = source["ds#file_name"]?.text else { return nil }
        while name.hasPrefix("/") { name.removeFirst() }
        return name
    }

    /// Label ids from `dxr#tags`.
    static func labelIDs(of source: [String: JSONValue]) -> [String] { source["dxr#tags"]?.texts ?? [] }

    /// The ids of the annotators (data classes) that found something: a detector counts as found
    /// only with a positive `annotation_stats#count.<id>` or `annotation_stats#unique_phrase_count.<id>`
    /// (`annotators` also lists detectors that ran and found nothing). Without any statistics,
    /// `annotators` (`annotation.<id>`) is taken as it is.
    static func annotatorIDs(of source: [String: JSONValue]) -> [String] {
        let prefixes = ["annotation_stats#count.", "annotation_stats#unique_phrase_count."]
        var found = Set<String>()
        var measured = Set<String>()
        for key in source.keys {
            guard let prefix = prefixes.first(where: { key.hasPrefix($0) }) else { continue }
            let id = String(key.dropFirst(prefix.count))
            measured.insert(id)
            if (source[key]?.integer ?? 0) > 0 { found.insert(id) }
        }
        let listed = unique(
            (source["annotators"]?.texts ?? []).map { $0.hasPrefix("annotation.") ? String($0.dropFirst(11)) : $0 })
        guard !measured.isEmpty else { return listed }
        return listed.filter { found.contains($0) } + found.subtracting(listed).sorted()
    }

    /// Whether DXR read the file's text. Absent statuses mean it did; a text-extraction or document
    /// status that says it failed (``saysNoText(_:)``), or a metadata-extraction status saying the
    /// text was unavailable, means it did not. Any other word counts as read: DXR's words for
    /// success are not documented, and judging by a list of them would mark every file "text not
    /// extracted" the day DXR used another. The statuses stay in `raw_metadata` as DXR wrote them.
    static func textExtracted(_ source: [String: JSONValue]) -> Bool {
        for key in ["dxr#text_extraction_status", "dxr#document_status"] {
            if let status = source[key]?.text, saysNoText(status) { return false }
        }
        let metadata = source["dxr#metadata_extraction_status"]?.text?.uppercased()
        return metadata != "TEXT_UNAVAILABLE" && metadata != "UNSUPPORTED_MIME_TYPE"
    }

    /// Status words that say no text was read: DXR's v1 metadata-extraction values for no text or
    /// no run (`TEXT_UNAVAILABLE`, `DOCUMENT_BINARY_UNAVAILABLE`, `SKIPPED`, `FILTERED`, `DISABLED`;
    /// DXR 8.2 spec in Ohalo-Ltd/dxr-mcp-server `src/types.ts`), Apache Tika's pipes statuses for
    /// a parse that gave nothing (`EMPTY_OUTPUT`, `TIMEOUT`, `OOM`, `UNSPECIFIED_CRASH`,
    /// `FETCH_EXCEPTION`, `PARSE_EXCEPTION_NO_EMIT`), and the plain words for a file that has no
    /// text or cannot be opened.
    static let noTextStatuses: Set<String> = [
        "TEXT_UNAVAILABLE", "DOCUMENT_BINARY_UNAVAILABLE", "SKIPPED", "FILTERED", "DISABLED", "EMPTY_OUTPUT",
        "TIMEOUT", "OOM", "UNSPECIFIED_CRASH", "FETCH_EXCEPTION", "PARSE_EXCEPTION_NO_EMIT", "EMPTY", "NO_TEXT",
        "TIMED_OUT", "PASSWORD_PROTECTED", "ENCRYPTED", "CORRUPT", "CORRUPTED",
    ]

    /// Parts of a status word that mean failure whatever the rest of it says (`FAILED`,
    /// `EXTRACTION_ERROR`, `UNSUPPORTED_FORMAT`, `UNSUPPORTED_MIME_TYPE`).
    static let failureWords = ["FAIL", "ERROR", "UNSUPPORTED"]

    /// Whether a text-extraction or document status says DXR read no text, in any case and with
    /// blanks or hyphens for underscores.
    static func saysNoText(_ status: String) -> Bool {
        let word = status.trimmingBlanks().uppercased().replacing(" ", with: "_").replacing("-", with: "_")
        return noTextStatuses.contains(word) || failureWords.contains { word.contains($0) }
    }

    /// The `_source` as sorted JSON, without the extracted text (`dxr#raw_text`) and the matched
    /// phrases (`annotation.<id>`): the table must not become a copy of the sensitive data.
    static func rawMetadata(of source: [String: JSONValue]) -> String {
        let kept = source.filter { key, _ in key != "dxr#raw_text" && !key.hasPrefix("annotation.") }
        return (try? SortedJSON.text(kept)) ?? "{}"
    }

    /// Builds the classification of a hit with names resolved by `names`.
    static func classification(
        hitID: String?, source: [String: JSONValue], scanID: Int64, names: NameResolver
    ) async -> Classification {
        let labelIDs = labelIDs(of: source)
        var labelNames: [String] = []
        for id in labelIDs { labelNames.append(await names.name(of: .label, id: id)) }
        var annotators: [String] = []
        for id in annotatorIDs(of: source) { annotators.append(await names.name(of: .annotator, id: id)) }
        var removed: [String] = []
        for id in source["dxr#manually_removed_tags"]?.texts ?? [] {
            removed.append(await names.name(of: .label, id: id))
        }
        return Classification(
            dxrFileID: hitID,
            scanID: source["dxr#datasource_scan_id"]?.integer ?? scanID,
            labelIDs: labelIDs,
            labelNames: labelNames,
            categories: unique(source["ai#category"]?.texts ?? []),
            annotators: annotators,
            sha256: source["dxr#sha_256_hash"]?.text,
            mimeType: source["dxr#mime_type"]?.text,
            rawMetadata: rawMetadata(of: source),
            textExtracted: textExtracted(source),
            removedLabels: removed)
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
