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

    /// Annotator (data class) ids from `annotators` (`annotation.<id>`), falling back to the
    /// `annotation_stats#count.<id>` keys with a count above zero.
    static func annotatorIDs(of source: [String: JSONValue]) -> [String] {
        let listed = (source["annotators"]?.texts ?? []).map {
            $0.hasPrefix("annotation.") ? String($0.dropFirst(11)) : $0
        }
        if !listed.isEmpty { return unique(listed) }
        let prefix = "annotation_stats#count."
        return source.keys.filter { $0.hasPrefix(prefix) && (source[$0]?.integer ?? 0) > 0 }
            .map { String($0.dropFirst(prefix.count)) }.sorted()
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
        return Classification(
            dxrFileID: hitID,
            scanID: source["dxr#datasource_scan_id"]?.integer ?? scanID,
            labelIDs: labelIDs,
            labelNames: labelNames,
            categories: unique(source["ai#category"]?.texts ?? []),
            annotators: annotators,
            sha256: source["dxr#sha_256_hash"]?.text,
            mimeType: source["dxr#mime_type"]?.text,
            rawMetadata: rawMetadata(of: source))
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
