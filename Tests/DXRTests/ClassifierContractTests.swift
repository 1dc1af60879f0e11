import DXR
import DXREmulator
import Foundation
import SyncCore
import TestSupport
import Testing

/// The DXR client against the emulator over real HTTP on 127.0.0.1.
@Suite struct ClassifierContractTests {
    @Test func filesThatShareABasenameComeBackMatchedToTheRightFiles() async throws {
        let volume = TemporaryDirectory()
        try volume.write("a/report.txt", "Card on file: 4111 1111 1111 1111")
        try volume.write("b/report.txt", "Contact avery.quill@example.com")
        try volume.write("c/report.txt", "Nothing to see here")
        let (outcomes, statistics) = try await EmulatorHarness().classify(
            [try await EmulatorHarness.oneBatch(volume)], from: volume)
        let byPath = Dictionary(uniqueKeysWithValues: outcomes[0].map { ($0.file.relativePath, $0) })
        #expect(statistics.receivedParts == 3)
        #expect(outcomes[0].allSatisfy { $0.status == .classified })
        #expect(byPath["a/report.txt"]?.classification?.labelNames == ["PCI", "Financial"])
        #expect(byPath["a/report.txt"]?.classification?.labelIDs == ["102", "103"])
        #expect(byPath["a/report.txt"]?.classification?.annotators == ["Payment card number"])
        #expect(byPath["b/report.txt"]?.classification?.labelNames == ["PII"])
        #expect(byPath["b/report.txt"]?.classification?.annotators == ["Email address"])
        #expect(byPath["c/report.txt"]?.classification?.labelNames == [])
        #expect(Set(outcomes[0].compactMap(\.classification?.dxrFileID)).count == 3)
    }

    @Test func everyRowFieldIsFilledAndRawMetadataHoldsNoSensitiveText() async throws {
        let volume = TemporaryDirectory()
        let text = "Payment card 4111 1111 1111 1111, invoice 7"
        try volume.write("pay.txt", text)
        let (outcomes, _) = try await EmulatorHarness().classify(
            [try await EmulatorHarness.oneBatch(volume)], from: volume)
        let outcome = try #require(outcomes[0].first)
        let classification = try #require(outcome.classification)
        #expect(outcome.jobID?.isEmpty == false)
        #expect(outcome.datasourceID == "41")
        #expect(classification.scanID != nil)
        #expect(classification.categories == ["Finance"])
        #expect(classification.mimeType == "text/plain")
        #expect(classification.sha256 == SHA256Hex.of(text))
        #expect(!classification.rawMetadata.contains("4111"))
        #expect(!classification.rawMetadata.contains("dxr#raw_text"))
        #expect(!classification.rawMetadata.contains("\"annotation.3\":"))
        #expect(classification.rawMetadata.contains("annotation_stats#count.3"))
    }

    @Test func resultsSpanningSeveralPagesAreAllRead() async throws {
        let volume = TemporaryDirectory()
        for index in 0..<23 { try volume.write("f\(index).txt", "file \(index) mail\(index)@example.com") }
        var harness = EmulatorHarness()
        harness.pageSize = 5
        let (outcomes, statistics) = try await harness.classify(
            [try await EmulatorHarness.oneBatch(volume)], from: volume)
        #expect(outcomes[0].count == 23)
        #expect(outcomes[0].allSatisfy { $0.status == .classified })
        #expect(statistics.searches == 5)
    }

    @Test func aServerCappingPageSizeAtSevenLosesNothingOfAFortyFileJob() async throws {
        let volume = TemporaryDirectory()
        for index in 0..<40 { try volume.write("dir\(index % 3)/file-\(index).csv", "id,\(index)\n") }
        var harness = EmulatorHarness()
        harness.faults.maxPageSize = 7
        let (outcomes, _) = try await harness.classify([try await EmulatorHarness.oneBatch(volume)], from: volume)
        #expect(outcomes[0].count == 40)
        #expect(outcomes[0].filter { $0.status == .classified }.count == 40)
    }

    @Test func stormsOf429And503AreRetried() async throws {
        let volume = TemporaryDirectory()
        for index in 0..<6 { try volume.write("f\(index).txt", "x\(index)") }
        var harness = EmulatorHarness()
        harness.faults.rate429 = 0.25
        harness.faults.rate503 = 0.25
        harness.faults.retryAfterSeconds = 0
        let (outcomes, statistics) = try await harness.classify(
            [try await EmulatorHarness.oneBatch(volume)], from: volume)
        #expect(outcomes[0].allSatisfy { $0.status == .classified })
        #expect(statistics.injectedErrors > 0)
    }

    @Test func aJobThatKeepsFailingFailsItsFilesWithTheReasonAfterTheRetries() async throws {
        let volume = TemporaryDirectory()
        try volume.write("a.txt", "a")
        try volume.write("b.txt", "b")
        var harness = EmulatorHarness()
        harness.faults.failedJobRate = 1
        harness.jobRetries = 2
        let (outcomes, statistics) = try await harness.classify(
            [try await EmulatorHarness.oneBatch(volume)], from: volume)
        #expect(outcomes[0].count == 2)
        #expect(
            outcomes[0].allSatisfy {
                $0.status == .failed && $0.reason?.contains("ended FAILED") == true
                    && $0.reason?.contains("3 jobs tried") == true
            })
        #expect(outcomes[0].allSatisfy { $0.jobID != nil })
        #expect(statistics.jobsSubmitted == 3)
        #expect(statistics.receivedParts == 6)
    }

    /// A job that ends FAILED is still searched, as the playbook does: the files it indexed are
    /// classified, and only the others go into a new job (Ohalo's sync wrapper resubmits).
    @Test func aFailedJobIsSearchedAndOnlyItsMissingFilesAreSentAgain() async throws {
        let volume = TemporaryDirectory()
        for index in 0..<8 { try volume.write("f\(index).txt", "mail p\(index)@example.com") }
        var harness = EmulatorHarness()
        harness.faults.failedJobRate = 0.5
        harness.faults.failedJobIndexedRate = 0.5
        harness.faults.seed = 7
        harness.jobRetries = 4
        let (outcomes, statistics) = try await harness.classify(
            [try await EmulatorHarness.oneBatch(volume)], from: volume)
        #expect(outcomes[0].allSatisfy { $0.status == .classified && $0.classification?.labelNames == ["PII"] })
        #expect(statistics.jobsSubmitted > 1)
        #expect(statistics.receivedParts > 8 && statistics.receivedParts < 8 * statistics.jobsSubmitted)
    }

    /// Smart labels can land just after a job reports FINISHED; the search refreshes the index,
    /// as Ohalo's clients do, so they are read.
    @Test func labelsThatLandJustAfterTheJobFinishesAreRead() async throws {
        let volume = TemporaryDirectory()
        try volume.write("card.txt", "card 4111 1111 1111 1111")
        var harness = EmulatorHarness()
        harness.faults.labelLag = .seconds(30)
        let (outcomes, _) = try await harness.classify([try await EmulatorHarness.oneBatch(volume)], from: volume)
        #expect(outcomes[0].first?.classification?.labelNames == ["PCI", "Financial"])
    }

    /// A 500 on a status poll or a search is retried like a 503, so one transient server error
    /// does not fail a whole job's files.
    @Test func serverErrorsOnPollsAndSearchesAreRetried() async throws {
        let volume = TemporaryDirectory()
        for index in 0..<6 { try volume.write("f\(index).txt", "x\(index)") }
        var harness = EmulatorHarness()
        harness.faults.rate500 = 0.6
        let (outcomes, statistics) = try await harness.classify(
            [try await EmulatorHarness.oneBatch(volume)], from: volume)
        #expect(outcomes[0].allSatisfy { $0.status == .classified })
        #expect(statistics.injectedErrors > 0)
        #expect(statistics.jobsSubmitted == 1)
    }

    @Test func aJobThatNeverFinishesTimesOut() async throws {
        let volume = TemporaryDirectory()
        try volume.write("a.txt", "a")
        var harness = EmulatorHarness()
        harness.faults.stuckJobRate = 1
        harness.jobTimeoutSeconds = 0.4
        let (outcomes, _) = try await harness.classify([try await EmulatorHarness.oneBatch(volume)], from: volume)
        #expect(outcomes[0].first?.status == .failed)
        #expect(outcomes[0].first?.reason?.contains("did not finish") == true)
    }

    /// A status answer cut off mid-JSON is polled again; a job whose answers stay malformed
    /// fails its files with the reason instead of polling until the job timeout.
    @Test func aJobWhoseStatusStaysMalformedFailsItsFilesWithTheReason() async throws {
        let volume = TemporaryDirectory()
        try volume.write("a.txt", "a")
        var harness = EmulatorHarness()
        harness.faults.malformedStatusRate = 1
        harness.jobRetries = 0
        let (outcomes, statistics) = try await harness.classify(
            [try await EmulatorHarness.oneBatch(volume)], from: volume)
        #expect(statistics.malformedAnswers == 5)
        #expect(outcomes[0].first?.status == .failed)
        #expect(outcomes[0].first?.reason?.contains("not the JSON expected") == true)
    }

    @Test func hitsLeftOutOfTheSearchAreFailedAsNotReturned() async throws {
        let volume = TemporaryDirectory()
        for index in 0..<8 { try volume.write("f\(index).txt", "x\(index)") }
        var harness = EmulatorHarness()
        harness.faults.droppedHitRate = 0.5
        let (outcomes, _) = try await harness.classify([try await EmulatorHarness.oneBatch(volume)], from: volume)
        let failed = outcomes[0].filter { $0.status == .failed }
        #expect(outcomes[0].count == 8)
        #expect(!failed.isEmpty && failed.count < 8)
        #expect(failed.allSatisfy { $0.reason?.hasPrefix("not returned by DXR") == true })
    }

    @Test func objectShapedStateAndBareNumberTotalAreUnderstood() async throws {
        let volume = TemporaryDirectory()
        for index in 0..<3 { try volume.write("f\(index).txt", "x\(index)") }
        var harness = EmulatorHarness()
        harness.faults.stateAsObject = true
        harness.faults.totalAsNumber = true
        harness.pageSize = 2
        let (outcomes, _) = try await harness.classify([try await EmulatorHarness.oneBatch(volume)], from: volume)
        #expect(outcomes[0].allSatisfy { $0.status == .classified })
    }

    @Test func batchesGoRoundRobinOverDatasources() async throws {
        let volume = TemporaryDirectory()
        for index in 0..<4 { try volume.write("f\(index).txt", "x\(index)") }
        let files = try await LocalVolumeSource(root: volume.path).list().files
        let batches = files.enumerated().map { FileBatch(index: $0.offset, files: [$0.element]) }
        var harness = EmulatorHarness()
        harness.datasourceIDs = ["41", "42"]
        let (outcomes, _) = try await harness.classify(batches, from: volume)
        #expect(outcomes.map { $0[0].datasourceID } == ["41", "42", "41", "42"])
        #expect(outcomes.allSatisfy { $0[0].status == .classified })
    }

    @Test(arguments: [1, 3])
    func concurrentJobsStayWithinTheLimit(limit: Int) async throws {
        let volume = TemporaryDirectory()
        for index in 0..<9 { try volume.write("f\(index).txt", "x\(index)") }
        let files = try await LocalVolumeSource(root: volume.path).list().files
        let batches = files.enumerated().map { FileBatch(index: $0.offset, files: [$0.element]) }
        var harness = EmulatorHarness()
        harness.datasourceIDs = ["41", "42", "43"]
        harness.maxConcurrentJobs = limit
        harness.faults.requestLatency = .milliseconds(40)
        let (outcomes, statistics) = try await harness.classify(batches, from: volume)
        #expect(outcomes.flatMap { $0 }.filter { $0.status == .classified }.count == 9)
        #expect(outcomes.map { $0[0].file.relativePath } == files.map(\.relativePath))
        #expect(statistics.maxConcurrentUploads <= limit)
        #expect(statistics.maxConcurrentUploads >= 1)
    }

    @Test func aFileThatVanishedBeforeUploadFailsAloneAndTheRestIsClassified() async throws {
        let volume = TemporaryDirectory()
        try volume.write("stays.txt", "x")
        let gone = try volume.write("gone.txt", "y")
        let batch = try await EmulatorHarness.oneBatch(volume)
        try FileManager.default.removeItem(at: gone)
        let (outcomes, statistics) = try await EmulatorHarness().classify([batch], from: volume)
        let byPath = Dictionary(uniqueKeysWithValues: outcomes[0].map { ($0.file.relativePath, $0) })
        #expect(byPath["stays.txt"]?.status == .classified)
        #expect(byPath["gone.txt"]?.status == .failed)
        #expect(byPath["gone.txt"]?.reason?.contains("vanished") == true)
        #expect(statistics.receivedParts == 1)
    }

    @Test func aRejectedTokenStopsTheRunAsAConfigurationError() async throws {
        let volume = TemporaryDirectory()
        try volume.write("a.txt", "a")
        var harness = EmulatorHarness()
        harness.clientToken = "wrong-token-marker"
        do {
            _ = try await harness.classify([try await EmulatorHarness.oneBatch(volume)], from: volume)
            Issue.record("expected a fatal error")
        } catch let error as FatalClassifierError {
            #expect(error.message.contains("rejected the API token"))
            #expect(error.message.contains("401"))
            #expect(error.kind == .configuration, "a refused token exits 2")
            #expect(!error.message.contains("wrong-token-marker"))
        }
    }

    @Test func anUnknownDatasourceStopsTheRunAsAConfigurationError() async throws {
        let volume = TemporaryDirectory()
        try volume.write("a.txt", "a")
        var harness = EmulatorHarness()
        harness.clientDatasourceIDs = ["99"]
        let error = await #expect(throws: FatalClassifierError.self) {
            _ = try await harness.classify([try await EmulatorHarness.oneBatch(volume)], from: volume)
        }
        #expect(error?.kind == .configuration, "an unknown datasource exits 2")
        #expect(error?.message.contains("DXR_DATASOURCE_ID") == true)
    }
}
