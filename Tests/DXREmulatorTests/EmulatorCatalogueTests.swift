import SyncCore
import Testing

@testable import DXREmulator

/// The older DXR catalogue answers keep the real shapes, so a client that reads them is tested
/// against what DXR sends.
@Suite struct EmulatorCatalogueTests {
    let rules = LabelRuleSet(
        rules: (1...45).map { LabelRule(id: 200 + $0, name: "Label \($0)", description: "", detectors: [1, 3]) })

    /// `/api/tags` is a Spring Data page: 20 labels unless `size` says otherwise, at most 2,000.
    @Test func theTagListIsASpringDataPage() throws {
        let first = EmulatorCatalogue.tagPage(rules, datasourceIDs: ["41"], page: nil, size: nil)
        guard case .array(let content)? = first["content"] else { throw Unexpected() }
        #expect(content.count == 20)
        #expect(first["last"] == .bool(false) && first["totalPages"]?.integer == 3)
        #expect(first["totalElements"]?.integer == 45)
        let label = try #require(content.first)
        #expect(label["id"] == .number(201) && label["uuid"]?.text?.count == 36 && label["type"]?.text == "SMART")
        guard case .array(let queries)? = label["savedQueryDtoList"],
            case .array(let items)? = queries.first?["query"]?["query_items"]
        else { throw Unexpected() }
        #expect(items.compactMap { $0["value"]?.text } == ["annotation.1", "annotation.3"])

        let last = EmulatorCatalogue.tagPage(rules, datasourceIDs: ["41"], page: 2, size: 20)
        guard case .array(let rest)? = last["content"] else { throw Unexpected() }
        #expect(rest.count == 5 && last["last"] == .bool(true))
        #expect(EmulatorCatalogue.tagPage(rules, datasourceIDs: [], page: 0, size: 50_000)["size"]?.integer == 2_000)
    }

    /// `/api/data-classes` is an object of six lists; the emulator's detectors are built-in regexes.
    @Test func theDataClassesAreSixLists() throws {
        guard case .object(let lists) = EmulatorCatalogue.dataClasses() else { throw Unexpected() }
        #expect(
            Set(lists.keys) == [
                "dictionaries", "readOnlyDictionaries", "regexes", "readOnlyRegexes", "namedEntities",
                "readOnlyNamedEntities",
            ])
        guard case .array(let regexes)? = lists["readOnlyRegexes"] else { throw Unexpected() }
        #expect(regexes.compactMap { $0["id"]?.integer } == Detector.all.map { Int64($0.id) })
    }

    struct Unexpected: Error {}
}
