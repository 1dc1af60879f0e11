import DXREmulator
import Foundation
import SyncCore
import TestSupport
import Testing

/// `dxrsync plan --incremental`: what the next sync would send, read from the table and DXR's rules.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct IncrementalPlanTests {
    func plan(_ harness: SyncHarness, url: String, _ extra: [String: String] = [:]) async throws -> [String: Any] {
        let result = try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, ["plan", "--incremental", "--json"],
            environment: harness.environment(url: url, extra), workingDirectory: harness.work.path)
        #expect(result.status == 0, "\(result.standardError)")
        let report = try #require(
            JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        return try #require(report["incremental"] as? [String: Any]).merging(
            ["planned_files": report["planned_files"] as Any]) { first, _ in first }
    }

    @Test func aRuleChangeInDXRShowsAsStaleFilesAndTheBudgetAsDeferredOnes() async throws {
        let harness = SyncHarness()
        try harness.write("a.txt", "mail avery@example.com")
        try harness.write("b.txt", "nothing")
        let rules = harness.work.url("rules.json").path
        let emulator = EmulatorConfiguration(token: SyncHarness.token, faults: SyncHarness.fastFaults, rulesFile: rules)
        try await DXREmulatorServer.withRunning(emulator) { running in
            let synced = try await harness.sync(url: running.url)
            #expect(synced.status == 0, "\(synced.standardError)")
            try harness.write("c.txt", "new file")

            let before = try await plan(harness, url: running.url)
            #expect(before["new"] as? Int == 1 && before["unchanged"] as? Int == 2 && before["stale"] as? Int == 0)
            #expect(before["rules_known"] as? Bool == true)
            #expect(before["planned_files"] as? Int == 1)

            // A DXR administrator adds a label: every classified file is now stale.
            let rule = LabelRule(id: 401, name: "Notes", description: "notes", detectors: [], keywords: ["nothing"])
            try JSONEncoder().encode(["labels": [rule]]).write(to: URL(fileURLWithPath: rules))
            let after = try await plan(harness, url: running.url, ["DXRSYNC_MAX_FILES_PER_RUN": "2"])
            #expect(after["stale"] as? Int == 2 && after["new"] as? Int == 1 && after["unchanged"] as? Int == 0)
            #expect(after["deferred"] as? Int == 1)
            #expect(after["planned_files"] as? Int == 2)
        }
        // Without the DXR variables the rules are unknown and nothing counts as stale.
        let offline = try await plan(harness, url: "", ["DXR_BASE_URL": ""])
        #expect(offline["rules_known"] as? Bool == false && offline["stale"] as? Int == 0)
    }
}
