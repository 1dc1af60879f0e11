import Crypto
import HTTPSupport
import Logging
import SyncCore

/// Reads what DXR's verdicts depend on and hashes it into a fingerprint: the label and detector
/// catalogue with each entry's update time (on an older DXR, which gives none, a label's rules).
/// `GET {prefix}/v1/classifications` (DXR's public API) first; on an older DXR the paged tag list
/// and the data-class lists. A DXR that has neither gives one warning and no fingerprint, never a
/// failure.
struct ClassifierFingerprint {
    let client: DXRHTTPClient

    /// Labels asked for per page of the older tag list, as Ohalo's Collibra workflows ask
    /// (Ohalo-Ltd/collibra-dxr-workflows `shared/dxr_edge.groovy`): without `size`, Spring
    /// answers 20 a page.
    static let tagPageSize = 1_000
    /// Pages of the older tag list read at most. A DXR that says more follow after that gives no
    /// fingerprint rather than one of part of its labels.
    static let maxTagPages = 100

    func read() async -> String? {
        do {
            return Self.hash(try await entries("/v1/classifications", kind: nil))
        } catch let error as HTTPRequestError where error.status == nil {
            // No answer at all (DXR down, a wrong DXR_BASE_URL): the older lists would only wait
            // out the same retries twice more.
            client.logger.warning(
                "DXR's rules could not be read (\(error)); files are not re-scanned when its rules change")
            return nil
        } catch is ServiceUnreachableError {
            // DXR counts as unreachable (the outage breaker is open): the caller stops the run.
            return nil
        } catch {
            // An answer that is not the catalogue (a 404 on an older DXR): try the older lists.
        }
        if let labels = try? await tags(), let detectors = try? await entries("/data-classes", kind: "ANNOTATOR") {
            return Self.hash(labels + detectors)
        }
        let path = client.endpoint.path("/v1/classifications")
        client.logger.warning(
            "DXR does not list its labels and detectors (GET \(path) and the older tag and data-class lists failed); files are not re-scanned when its rules change"
        )
        return nil
    }

    /// The older tag list, `GET {prefix}/tags?page=N&size=1000`, page after page while DXR says
    /// more follow.
    private func tags() async throws -> [String] {
        var lines: [String] = []
        for page in 0..<Self.maxTagPages {
            let answer = try await client.get("/tags?page=\(page)&size=\(Self.tagPageSize)", timeout: .seconds(60))
            guard let items = Self.items(in: answer) else { throw UnexpectedCatalogue() }
            lines += items.map { Self.line($0, kind: "LABEL") }
            if items.isEmpty || !Self.morePages(after: page, in: answer) { return lines }
        }
        throw UnexpectedCatalogue()
    }

    /// The lines of a catalogue that comes in one answer.
    private func entries(_ path: String, kind: String?) async throws -> [String] {
        guard let items = Self.items(in: try await client.get(path, timeout: .seconds(60))) else {
            throw UnexpectedCatalogue()
        }
        return items.map { Self.line($0, kind: kind) }
    }

    /// The entries of a catalogue answer, in each shape DXR gives one: the public API's `data`,
    /// a plain list or a Spring Data page's `content` (the older tag list; darkostanimirovic/dxrpy
    /// `smart_labels.py` and Ohalo-Ltd/collibra-dxr-workflows `shared/dxr_edge.groovy` accept
    /// both), or every list in the object (the older data-class answer: `dictionaries`,
    /// `readOnlyDictionaries`, `regexes`, `readOnlyRegexes`, `namedEntities`,
    /// `readOnlyNamedEntities`, flattened as the Collibra workflows flatten them). `nil` for any
    /// other answer.
    static func items(in answer: JSONValue) -> [JSONValue]? {
        switch answer {
        case .array(let items):
            return items
        case .object(let members):
            for key in ["data", "content"] {
                if case .array(let items)? = members[key] { return items }
            }
            let lists = members.values.compactMap { value -> [JSONValue]? in
                if case .array(let items) = value { items } else { nil }
            }
            return lists.isEmpty ? nil : lists.flatMap { $0 }
        default:
            return nil
        }
    }

    /// Whether a Spring Data page says another follows: `last: false`, or a `totalPages` beyond
    /// this one (at the top, or under `page` in Spring Data 3.3's DTO form). A plain list is the
    /// whole list.
    static func morePages(after page: Int, in answer: JSONValue) -> Bool {
        if case .bool(let last)? = answer["last"] { return !last }
        guard let total = (answer["totalPages"] ?? answer["page"]?["totalPages"])?.integer else { return false }
        return Int64(page) + 1 < total
    }

    /// One line per catalogue entry: id, type, name and update time; then, for a smart label of
    /// the older tag list, its rules. That list gives no update time, so a rule changed under
    /// the same name shows only in the rules: each saved query's conditions, datasources and
    /// status (what a rule is made of, darkostanimirovic/dxrpy `SmartLabelRule`), and not the
    /// fields DXR keeps about it.
    static func line(_ item: JSONValue, kind: String?) -> String {
        var fields = [
            item["id"]?.text ?? "", kind ?? item["type"]?.text ?? "", item["name"]?.text ?? "",
            item["updatedAt"]?.text ?? item["updated_at"]?.text ?? "",
        ]
        if case .array(let savedQueries)? = item["savedQueryDtoList"] {
            let rules = savedQueries.map { query in
                JSONValue.object(
                    ["query", "datasourceIds", "status"].reduce(into: [:]) { rule, key in rule[key] = query[key] })
            }
            fields.append((try? SortedJSON.text(rules)) ?? "")
        }
        return fields.joined(separator: "|")
    }

    /// The SHA-256 of the sorted lines, hex, with the number of entries in front for people.
    static func hash(_ entries: [String]) -> String {
        let digest = SHA256.hash(data: Array(entries.sorted().joined(separator: "\n").utf8))
        return "\(entries.count)-" + ContentHash.hex(digest.prefix(12))
    }

    /// An answer that is not a list of catalogue entries, or a tag list without an end.
    private struct UnexpectedCatalogue: Error {}
}
