import Foundation
import SyncCore
import TestSupport
import Testing

/// `dxrsync review` as a steward runs it: the verdict lands in the reviews table and `report`
/// applies it.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct ReviewCommandTests {
    func run(_ harness: SyncHarness, _ arguments: [String], url: String) async throws -> ProcessResult {
        try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, arguments, environment: harness.environment(url: url),
            workingDirectory: harness.work.path)
    }

    @Test func aFalsePositiveTakesTheLabelAwayInTheReportAndKeepsTheRawVerdict() async throws {
        let harness = SyncHarness()
        try harness.write("contacts.txt", "alice@example.com")
        try harness.write("other.txt", "bob@example.com")
        let (report, _) = try await SyncHarness.withEmulator { url in
            let synced = try await harness.sync(url: url)
            #expect(synced.status == 0, "\(synced.standardError)")
            let reviewed = try await run(
                harness,
                [
                    "review", "--file", "contacts.txt", "--label", "PII", "--verdict", "false-positive",
                    "--reason", "test fixture", "--reviewer", "steward@example.com", "--expires", "90d",
                ], url: url)
            #expect(reviewed.status == 0, "\(reviewed.standardError)")
            #expect(reviewed.standardOutput.contains("PII is FALSE_POSITIVE for /Volumes/main/hr/docs/contacts.txt"))
            return try await run(harness, ["report", "--json"], url: url)
        }
        #expect(report.status == 0, "\(report.standardError)")
        let object = try #require(
            JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [String: Any])
        let byLabel = try #require(object["by_label"] as? [String: [String: Any]])
        #expect(byLabel["PII"]?["files"] as? Int == 1)
        #expect((object["reviewed_away"] as? [String: Int])?["PII"] == 1)
        let rows = try await harness.rows()
        #expect(rows["contacts.txt"]?.labels.contains("PII") == true, "the raw verdict stays in the row")
    }

    @Test func aReviewNeedsOneTargetAndAKnownVerdict() async throws {
        let harness = SyncHarness()
        let bothTargets = try await run(
            harness,
            [
                "review", "--file", "a.txt", "--sha256", String(repeating: "a", count: 64), "--label", "PII",
                "--verdict", "confirmed", "--reviewer", "x",
            ], url: "http://127.0.0.1:9")
        #expect(bothTargets.status == 2)
        #expect(bothTargets.standardError.contains("exactly one of --file and --sha256"))
        let badVerdict = try await run(
            harness, ["review", "--file", "a.txt", "--label", "PII", "--verdict", "maybe", "--reviewer", "x"],
            url: "http://127.0.0.1:9")
        #expect(badVerdict.status == 2)
        #expect(badVerdict.standardError.contains("false-positive or confirmed"))
    }
}
