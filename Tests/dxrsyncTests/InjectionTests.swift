import DXREmulator
import Foundation
import SyncCore
import TestSupport
import Testing

/// File names and configuration values written as SQL become data or a configuration error,
/// never SQL: checked on the Delta stand-in (by Spark's parser and analyzer in strict mode).
@Suite(.serialized, .tags(.endToEnd), .skippedInTheFastSet) struct InjectionTests {
    static let hostileNames = [
        "x'); DROP TABLE docs_metadata; --.txt", "a`; DELETE FROM t; --.csv", "quote'' OR '1'='1.txt",
        "comment /* x */ -- y.txt", "semi;colon\\'slash.txt", ":rows :prefix.txt",
    ]

    func workspace(_ harness: SyncHarness) throws -> WorkspaceStandIn {
        let standIn = try WorkspaceStandIn(
            root: harness.base.path, token: "pat-injection", warehouseRoot: harness.work.url("warehouse").path)
        try standIn.createSchema(catalog: "main", schema: "hr")
        return standIn
    }

    func settings(_ standIn: WorkspaceStandIn, _ extra: [String: String] = [:]) -> [String: String] {
        [
            "DATABRICKS_HOST": standIn.url, "DATABRICKS_TOKEN": "pat-injection",
            "DATABRICKS_WAREHOUSE_ID": WorkspaceStandIn.warehouseID,
        ].merging(extra) { $1 }
    }

    @Test func fileNamesWrittenAsSQLAreJustRows() async throws {
        let harness = SyncHarness()
        for (index, name) in Self.hostileNames.enumerated() { try harness.write(name, "mail p\(index)@example.com") }
        let standIn = try workspace(harness)
        let (result, _) = try await SyncHarness.withEmulator { try await harness.sync(url: $0, settings(standIn)) }
        #expect(result.status == 0, "\(result.standardError)")
        let table = try standIn.readTable(catalog: "main", schema: "hr", table: "docs_metadata")
        #expect(Set(table.rows.compactMap { $0["relative_path"] as? String }) == Set(Self.hostileNames))
        #expect(table.rows.allSatisfy { $0["status"] as? String == "CLASSIFIED" })
        // No statement ever carried a file name in its text: names travel as parameters only.
        for name in Self.hostileNames { #expect(try standIn.statements(containing: name).isEmpty) }
        #expect(try !standIn.statements(containing: "MERGE INTO").isEmpty)
    }

    @Test(arguments: [
        ("METADATA_TABLE", "docs; DROP TABLE x; --"), ("METADATA_TABLE", "t`x"), ("METADATA_SCHEMA", "hr' OR '1'='1"),
        ("METADATA_CATALOG", "main.hr"), ("METADATA_TABLE", "a b"), ("METADATA_TABLE", "t/*x*/"),
    ])
    func identifiersWrittenAsSQLAreConfigurationErrors(variable: String, value: String) async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "mail avery@example.com")
        let standIn = try workspace(harness)
        let (result, statistics) = try await SyncHarness.withEmulator {
            try await harness.sync(url: $0, settings(standIn, [variable: value]))
        }
        #expect(result.status == 2)
        #expect(result.standardError.contains(variable))
        #expect(statistics.receivedParts == 0)
        #expect(try standIn.statements(containing: "").isEmpty)
    }
}
