import SyncCore

/// The body of `POST {prefix}/indexed-files/search`: every hit of one datasource scan, in a stable
/// order, one page at a time.
struct SearchRequest: Encodable, Sendable {
    struct Filter: Encodable, Sendable {
        var queryItems: [QueryItem]
        enum CodingKeys: String, CodingKey { case queryItems = "query_items" }
    }

    struct QueryItem: Encodable, Sendable {
        var parameter: String
        var value: Int64
        var type = "number"
        var matchStrategy = "exact"
        var `operator` = "AND"
        var groupID = 0
        var groupOrder = 0

        enum CodingKeys: String, CodingKey {
            case parameter, value, type
            case matchStrategy = "match_strategy"
            case `operator`
            case groupID = "group_id"
            case groupOrder = "group_order"
        }
    }

    struct Sort: Encodable, Sendable {
        var property: String
        var order = "ASCENDING"
    }

    var mode = "DXR_JSON_QUERY"
    var datasourceIds: [String] = []
    var pageNumber: Int
    var pageSize: Int
    var filter: Filter
    var sort = [Sort(property: "datasource_id"), Sort(property: "ds#file_name.raw")]
    /// Large fields we never store: the extracted text and the matched phrases.
    var excludedFields = ["dxr#raw_text", "annotation.*"]
    /// Refresh the index first, as Ohalo's clients do: smart labels can land just after the job
    /// reports `FINISHED`.
    var refreshIndex = true

    init(scanID: Int64, pageNumber: Int, pageSize: Int) {
        self.pageNumber = pageNumber
        self.pageSize = pageSize
        self.filter = Filter(queryItems: [QueryItem(parameter: "dxr#datasource_scan_id", value: scanID)])
    }
}

/// One page of search results.
struct SearchPage: Sendable {
    struct Hit: Sendable {
        var id: String?
        var source: [String: JSONValue]
    }

    var hits: [Hit]
    /// `hits.total`, given as an object with `value` or as a bare number; `nil` when absent.
    var total: Int?

    init(json: JSONValue) {
        let hitsObject = json["hits"]
        total = (hitsObject?["total"]?["value"]?.integer ?? hitsObject?["total"]?.integer).map { Int($0) }
        guard case .array(let items)? = hitsObject?["hits"] else {
            hits = []
            return
        }
        hits = items.map { item in
            let source: [String: JSONValue] = if case .object(let members)? = item["_source"] { members } else { [:] }
            return Hit(id: item["_id"]?.text, source: source)
        }
    }
}
