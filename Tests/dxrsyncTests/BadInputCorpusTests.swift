import DXREmulator
import Foundation
import SyncCore
import TestSupport
import Testing

/// The bad-input corpus through `plan` and `sync`: every regular file ends with exactly one
/// correct row, everything else is skipped, and nothing crashes or hangs.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct BadInputCorpusTests {
    @Test func everyAwkwardFileGetsOneRowAndEverythingElseIsSkipped() async throws {
        let harness = SyncHarness()
        let root = harness.base.url("main/hr/docs").path
        let expected = try BadInputCorpus.write(into: root)

        let plan = try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, ["plan", "--json"], environment: harness.environment(url: "http://unused"))
        #expect(plan.status == 0, "\(plan.standardError)")
        let report = try JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any]
        #expect(report?["files"] as? Int == expected.count)
        #expect(report?["ignored_entries"] as? Int == 4)
        #expect((report?["problems"] as? [Any])?.count == 1)

        let settings = ["DXR_MAX_FILES_PER_JOB": "2000", "DXR_MAX_CONCURRENT_JOBS": "4", "DXR_DATASOURCE_ID": "1"]
        let (result, statistics) = try await SyncHarness.withEmulator { try await harness.sync(url: $0, settings) }
        #expect(result.status == 0, "\(result.standardError)")
        #expect(statistics.receivedParts == expected.count)
        // Compared as bytes: Swift's String equality would merge the NFC and NFD names.
        let records = try await harness.records()
        #expect(records.count == expected.count)
        #expect(Set(records.map { Array($0.relativePath.utf8) }) == Set(expected.map { Array($0.utf8) }))
        #expect(records.allSatisfy { $0.status == .classified })
        #expect(
            records.filter { $0.relativePath.unicodeScalars.elementsEqual("caf\u{E9}.txt".unicodeScalars) }.count == 1)
        #expect(
            records.filter { $0.relativePath.unicodeScalars.elementsEqual("cafe\u{301}.txt".unicodeScalars) }.count == 1
        )
        let rows = try await harness.rows()
        for name in BadInputCorpus.awkwardNames {
            #expect(rows[name]?.filePath == "/Volumes/main/hr/docs/" + name)
        }
        #expect(rows["empty.txt"]?.fileSize == 0)
        let deep = rows.values.first { $0.relativePath.hasSuffix("/deep.txt") }
        #expect(deep?.labels == ["PCI", "Financial"])
        #expect(rows[BadInputCorpus.awkwardNames[0]]?.labels == ["PII"])
    }
}
