import Foundation
import SyncCore

/// The label and detector catalogue, in the shapes DXR answers it: labels are the smart labels of
/// the rules in force, detectors the emulator's fixed regular expressions.
enum EmulatorCatalogue {
    /// When the built-in labels and detectors were created.
    static let created = JSONValue.string(Timestamps.text(Date(timeIntervalSince1970: 1_735_689_600)))

    /// The items of `GET /api/v1/classifications` (current DXR): labels then detectors, each with
    /// `updatedAt`; the labels' is when the rules last changed.
    static func classifications(_ rules: LabelRuleSet) -> [JSONValue] {
        let labels: [JSONValue] = rules.rules.map { rule in
            .object([
                "id": .string(String(rule.id)), "name": .string(rule.name), "type": .string("LABEL"),
                "subtype": .string("SMART"), "description": .string(rule.description), "createdAt": created,
                "updatedAt": .string(Timestamps.text(rules.updatedAt)),
            ])
        }
        let detectors: [JSONValue] = Detector.all.map { detector in
            .object([
                "id": .string(String(detector.id)), "name": .string(detector.name), "type": .string("ANNOTATOR"),
                "subtype": .string("REGEX"), "createdAt": created, "updatedAt": created,
            ])
        }
        return labels + detectors
    }

    // MARK: Older DXR

    /// Spring Data's page size when a request names none, and the largest it grants
    /// (`spring.data.web.pageable.default-page-size` 20 and `max-page-size` 2000): a client that
    /// does not ask for `size` sees only the first 20 labels.
    static let defaultPageSize = 20
    static let maxPageSize = 2_000

    /// One page of `GET /api/tags?page=N&size=M` on an older DXR. Its internal API is Spring: the
    /// list comes as a Spring Data page (`{content: [...], last, totalPages, ...}`), the same
    /// shape Ohalo's Collibra workflows read from demo.dataxray.io (Ohalo-Ltd/collibra-dxr-workflows
    /// `shared/dxr_edge.groovy`, `mergeEdgeCatalogue`: "a list, or `content`", asked as
    /// `/api/tags?page=0&size=1000`) and darkostanimirovic/dxrpy `smart_labels.py` accepts. Items
    /// carry a numeric `id`, `uuid`, `name`, `description`, `type` and `hexColor`, and a smart
    /// label's rules in `savedQueryDtoList` (dxrpy); there is no update time.
    static func tagPage(_ rules: LabelRuleSet, datasourceIDs: [String], page: Int?, size: Int?) -> JSONValue {
        let size = min(max(size ?? defaultPageSize, 1), maxPageSize)
        let page = max(page ?? 0, 0)
        let tags = rules.rules.sorted { $0.id < $1.id }
        let content = tags.dropFirst(page * size).prefix(size).map { tag($0, datasourceIDs: datasourceIDs) }
        let totalPages = (tags.count + size - 1) / size
        return .object([
            "content": .array(Array(content)),
            "number": .number(Double(page)), "size": .number(Double(size)),
            "numberOfElements": .number(Double(content.count)),
            "totalElements": .number(Double(tags.count)), "totalPages": .number(Double(totalPages)),
            "first": .bool(page == 0), "last": .bool(page + 1 >= totalPages), "empty": .bool(content.isEmpty),
        ])
    }

    /// A smart label as `/api/tags` lists it. Its rule is one saved query whose items are the
    /// label's detectors (`annotators` / `annotation.<id>` / `exists`, as dxrpy's smart-label
    /// example writes them) and its keywords; the keyword items (`contains` in the text) are the
    /// emulator's own, as no source shows how DXR writes a full-text condition.
    private static func tag(_ rule: LabelRule, datasourceIDs: [String]) -> JSONValue {
        let detectors = rule.detectors.sorted().map { ("annotators", "annotation.\($0)", "exists") }
        let keywords = rule.keywords.map { ("dxr#raw_text", $0, "contains") }
        let items: [JSONValue] = (detectors + keywords).enumerated().map { order, item in
            .object([
                "parameter": .string(item.0), "value": .string(item.1), "type": .string("text"),
                "match_strategy": .string(item.2), "operator": .string("OR"), "group_id": .number(0),
                "group_order": .number(Double(order)),
            ])
        }
        let savedQuery: JSONValue = .object([
            "id": .number(Double(rule.id)), "query": .object(["query_items": .array(items)]),
            "datasourceIds": .array(datasourceIDs.compactMap(Double.init).map(JSONValue.number)),
            "status": .string("RUNNING"),
        ])
        return .object([
            "id": .number(Double(rule.id)), "uuid": uuid(rule.id), "name": .string(rule.name),
            "description": .string(rule.description), "type": .string("SMART"), "hexColor": .string("3366CC"),
            "savedQueryDtoList": .array([savedQuery]),
        ])
    }

    /// The six lists an older DXR answers `GET /api/data-classes` with: every annotator, by kind,
    /// editable or built in (Ohalo-Ltd/collibra-dxr-workflows `shared/dxr_edge.groovy`,
    /// `mergeEdgeCatalogue`, contract verified against demo.dataxray.io, Sept 2026). Items carry
    /// `id`, `uuid`, `name`, `type` and `description`. The emulator's detectors are built-in
    /// regular expressions.
    static func dataClasses() -> JSONValue {
        let regexes: [JSONValue] = Detector.all.map { detector in
            .object([
                "id": .number(Double(detector.id)), "uuid": uuid(detector.id), "name": .string(detector.name),
                "type": .string("REGEX"), "description": .string(detector.name),
            ])
        }
        return .object([
            "dictionaries": .array([]), "readOnlyDictionaries": .array([]), "regexes": .array([]),
            "readOnlyRegexes": .array(regexes), "namedEntities": .array([]), "readOnlyNamedEntities": .array([]),
        ])
    }

    /// A stable UUID for an internal numeric id: internal objects link to the public API's UUIDs
    /// through `uuid`.
    private static func uuid(_ id: Int) -> JSONValue {
        .string(String(format: "00000000-0000-4000-8000-%012d", id))
    }
}
