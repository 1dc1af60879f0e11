import DXREmulator
import Foundation
import SQLiteStore
import SyncCore
import TestSupport
import Testing

/// What makes the inventory trustworthy, end to end in process: re-scans when DXR's rules change,
/// coverage per file, the label history, reviews and the same-bytes check.
@Suite struct GovernanceTests {
    /// A new smart label in DXR reaches the files classified before it: their classifications are
    /// stale and re-queued, within the run's budget, over several runs.
    @Test func aRuleChangeInDXRRescansStaleFilesWithinTheBudget() async throws {
        var harness = PipelineHarness()
        let rules = harness.work.url("rules.json")
        harness.rulesFile = rules.path
        try Data(#"{"labels": []}"#.utf8).write(to: rules)
        try harness.write("call-me.txt", "call (555) 010-0142 tomorrow")
        for index in 0..<3 { try harness.write("plain\(index).txt", "nothing \(index)") }

        let (first, _) = try await harness.sync("before")
        #expect(first.counts.classified == 4)
        #expect(try await harness.rows()["call-me.txt"]?.labels == ["PII"])
        let before = try #require(try await harness.runs().first?.classifierFingerprint)

        // DXR gains a label for phone numbers.
        try Data(
            #"{"labels": [{"id": 107, "name": "Contact", "description": "Phone numbers", "detectors": [2], "keywords": []}]}"#
                .utf8
        ).write(to: rules)
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: rules.path)
        harness.clock.advance(by: 86_400)
        let changedAt = harness.clock.now()
        harness.policy.budget = RunBudget(maxFiles: 2)
        let (second, secondStats) = try await harness.sync("rescan-1")
        #expect(second.counts.stale == 4 && second.counts.deferred == 2)
        #expect(secondStats.receivedParts == 2)
        let (third, thirdStats) = try await harness.sync("rescan-2")
        #expect(third.counts.stale == 2 && third.counts.deferred == 0 && thirdStats.receivedParts == 2)
        let (fourth, fourthStats) = try await harness.sync("quiet")
        #expect(fourth.counts.stale == 0 && fourthStats.receivedParts == 0)

        let rows = try await harness.rows()
        #expect(rows["call-me.txt"]?.labels == ["PII", "Contact"])
        let after = try #require(try await harness.runs().first { $0.runID == "quiet" }?.classifierFingerprint)
        #expect(after != before)
        #expect(rows.values.allSatisfy { $0.classifierFingerprint == after })

        // The label history says what became sensitive, and when.
        let report = try await harness.store().report(
            ReportQuery(scope: harness.scope.rootPath, since: changedAt, now: harness.clock.now()))
        #expect(report.changes?.added == ["Contact": 1])
        #expect(report.changes?.addedFiles["Contact"]?.files == ["call-me.txt"])
        let everything = try await harness.store().report(
            ReportQuery(scope: harness.scope.rootPath, since: Date(timeIntervalSince1970: 0)))
        #expect(everything.changes?.added["PII"] == 1)
    }

    /// A DXR that does not list its rules gives a warning and no re-scan, never a failure.
    @Test func aDXRWithoutACatalogueIsNotRescannedAndNotAFailure() async throws {
        var harness = PipelineHarness()
        harness.catalogue = .none
        try harness.write("a.txt", "mail avery@example.com")
        let (first, _) = try await harness.sync("one")
        #expect(first.exitStatus == .success)
        #expect(try await harness.runs().first?.classifierFingerprint == nil)
        let (second, statistics) = try await harness.sync("two")
        #expect(second.counts.stale == 0 && statistics.receivedParts == 0)

        harness.catalogue = .legacy
        let (legacy, _) = try await harness.sync("legacy")
        #expect(legacy.exitStatus == .success)
        #expect(try await harness.runs().first { $0.runID == "legacy" }?.classifierFingerprint != nil)
    }

    /// Every row says how far DXR got: findings, none, no text to look at, skipped, failed; the
    /// report gives each in files and bytes, so "not evaluated" never reads as clean.
    @Test func coverageSaysHowFarDXRGot() async throws {
        var harness = PipelineHarness()
        harness.limits = PlanningLimits(maxBytesPerJob: 2_000, maxFilesPerJob: 25)
        try harness.write("card.txt", "card 4111 1111 1111 1111")
        try harness.write("plain.txt", "nothing at all")
        try harness.volume.write(
            "image.bin", data: Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01] + Array("555-010-0142".utf8)))
        try harness.write("huge.txt", String(repeating: "x", count: 3_000))
        _ = try await harness.sync("coverage")
        let rows = try await harness.rows()
        #expect(rows["card.txt"]?.coverage == .withFindings)
        #expect(rows["plain.txt"]?.coverage == .noFindings)
        #expect(rows["image.bin"]?.coverage == .textNotExtracted)
        #expect(rows["huge.txt"]?.coverage == .skipped)
        let report = try await harness.store().report(ReportQuery(scope: harness.scope.rootPath))
        #expect(report.coverage["CLASSIFIED_WITH_FINDINGS"]?.files == 1)
        #expect(report.coverage["TEXT_NOT_EXTRACTED"]?.files == 1)
        #expect(report.coverage["SKIPPED"] == StoreReport.Tally(files: 1, bytes: 3_000))
        #expect(report.text.contains("TEXT_NOT_EXTRACTED: 1 files"))
    }

    /// A steward's false positive takes a label away from the effective labels while it holds (by
    /// path, or by content for every copy); DXR's manually removed tags count as reviewed away; the
    /// raw verdict stays in the row.
    @Test func reviewsAndManuallyRemovedLabelsAreApplied() async throws {
        var harness = PipelineHarness()
        harness.faults.manuallyRemovedLabels = [106]
        try harness.write("a/mail.txt", "mail avery@example.com")
        try harness.write("b/copy-of-mail.txt", "mail avery@example.com")
        try harness.write("c/other-mail.txt", "mail blake@example.com")
        try harness.write("d/host.txt", "server 10.1.2.3")
        _ = try await harness.sync("reviewed")
        let store = try harness.store()
        let rows = try await harness.rows()
        let sha = try #require(rows["a/mail.txt"]?.sha256)
        #expect(sha == SHA256Hex.of("mail avery@example.com"))
        #expect(rows["d/host.txt"]?.labels == ["Network"] && rows["d/host.txt"]?.dxrRemovedLabels == ["Network"])
        let now = harness.clock.now()
        try await store.addReview(
            Review(
                reviewID: "r1", filePath: nil, sha256: sha, label: "PII", verdict: .falsePositive,
                reason: "test address", reviewer: "steward@example.com", createdAt: now, expiresAt: nil))
        try await store.addReview(
            Review(
                reviewID: "r2", filePath: harness.scope.filePath(relativePath: "c/other-mail.txt"), sha256: nil,
                label: "PII", verdict: .falsePositive, reason: "expired", reviewer: "s", createdAt: now,
                expiresAt: now.addingTimeInterval(-1)))
        let report = try await store.report(ReportQuery(scope: harness.scope.rootPath, now: now))
        #expect(report.byLabel["PII"]?.files == 1)
        #expect(report.filesByLabel["PII"]?.files == ["c/other-mail.txt"])
        #expect(report.byLabel["Network"] == nil)
        #expect(report.reviewedAway == ["PII": 2, "Network": 1])
        #expect(try await harness.rows()["a/mail.txt"]?.labels == ["PII"])
    }

    /// A file touched (or copied back) with the same bytes keeps its classification without an
    /// upload; the row takes the new modification time.
    @Test func sameBytesKeepTheirVerdictWithoutAnUpload() async throws {
        let harness = PipelineHarness()
        let file = try harness.write("kept.txt", "card 4111 1111 1111 1111")
        try harness.write("edited.txt", "nothing yet!")
        _ = try await harness.sync("first")
        let later = Date().addingTimeInterval(3_600)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: file.path)
        let edited = try harness.write("edited.txt", "mail me now!")
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: edited.path)
        let (second, statistics) = try await harness.sync("second")
        #expect(statistics.receivedParts == 1)
        #expect(second.counts.changed == 1 && second.counts.unchanged == 1)
        let rows = try await harness.rows()
        #expect(rows["kept.txt"]?.modificationTime == Int64(later.timeIntervalSince1970))
        #expect(rows["kept.txt"]?.labels == ["PCI", "Financial"] && rows["kept.txt"]?.attempts == 1)
        #expect(rows["kept.txt"]?.runID == "second")
        let (third, thirdStatistics) = try await harness.sync("third")
        #expect(third.counts.unchanged == 2 && thirdStatistics.receivedParts == 0)
    }
}
