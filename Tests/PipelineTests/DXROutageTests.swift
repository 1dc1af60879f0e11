import DXR
import DXREmulator
import Foundation
import SyncCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// DXR that gives no HTTP answer at all stops the run after `DXR_MAX_UNANSWERED_REQUESTS`
/// attempts, whatever the size of the run, and keeps every stored classification.
@Suite struct DXROutageTests {
    /// A loopback port nothing listens on: connections to it are refused.
    static func refusingURL() throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        try #require(bound)
        return "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
    }

    @Test(arguments: [20, 20_000])
    func aDXRThatRefusesConnectionsStopsTheRunBeforeAnyUploadAndKeepsTheStoredRows(files: Int) async throws {
        let harness = PipelineHarness()
        for index in 0..<20 { try harness.write("kept/\(index).txt", "mail avery\(index)@example.com") }
        let first = try await harness.sync("classified").summary
        #expect(first.counts.classified == 20)
        for index in 0..<20 { try harness.write("kept/\(index).txt", "changed: mail blake\(index)@example.com") }
        for index in 20..<files { try harness.write("new/\(index / 1000)/\(index).txt", "file \(index)") }

        let url = try Self.refusingURL()
        let error = await #expect(throws: FatalClassifierError.self) {
            try await harness.sync("refused", against: url, connectTimeout: .milliseconds(300))
        }
        let message = try #require(error?.message)
        #expect(message.contains("DXR at \(url) gave no HTTP answer to 5 requests in a row"), "\(message)")
        #expect(message.contains("DXR_BASE_URL"))
        #expect(error?.kind == .fatal)

        let rows = try await harness.rows()
        #expect(rows.count == 20, "nothing was listed or written for the new files")
        #expect(
            rows.values.allSatisfy { $0.status == .classified && $0.labels.contains("PII") && $0.runID == "classified" }
        )
        let ledger = try #require(try await harness.runs().first { $0.runID == "refused" })
        #expect(ledger.status == .failed)
        #expect(ledger.exitCode == 3)
        #expect(ledger.error?.contains("gave no HTTP answer") == true)
    }

    @Test func dxrGoingDownMidRunLetsAcceptedJobsFinishAndRecordsTheRestAsNotSent() async throws {
        var harness = PipelineHarness()
        harness.limits = PlanningLimits(maxBytesPerJob: 1_048_576, maxFilesPerJob: 1)
        harness.maxConcurrentJobs = 2
        for index in 0..<10 { try harness.write("kept/\(index).txt", "mail avery\(index)@example.com") }
        _ = try await harness.sync("classified")
        for index in 0..<10 { try harness.write("kept/\(index).txt", "changed: mail blake\(index)@example.com") }
        for index in 0..<30 { try harness.write("new/\(index).txt", "card 4111 1111 1111 1111 #\(index)") }

        harness.faults.jobLatency = .milliseconds(100)
        let (summary, statistics) = try await harness.sync("outage", stopEmulatorAfterJobs: 2)
        #expect(summary.exitStatus == .fatal)
        #expect(summary.status == .failed)
        // Concurrent attempts may add one or two to the count before the message is written.
        let error = try #require(summary.error)
        let count = try #require(error.firstMatch(of: /gave no HTTP answer to (\d+) requests in a row/)?.output.1)
        #expect((5...7).contains(Int(count) ?? 0), "\(error)")
        #expect(statistics.jobsSubmitted < 40, "no new job was submitted once DXR stopped answering")
        #expect(summary.counts.classified >= 2)

        let rows = try await harness.rows()
        #expect(rows.count == 40)
        let kept = rows.filter { $0.key.hasPrefix("kept/") }.values
        #expect(kept.allSatisfy { $0.labels.contains("PII") }, "a failed attempt keeps the last good classification")
        let notSent = rows.values.filter { $0.statusReason?.contains("not sent to DXR: the run stopped") == true }
        #expect(!notSent.isEmpty)
        // Files never classified have no job; a changed file keeps its last good classification's.
        #expect(
            notSent.filter { $0.relativePath.hasPrefix("new/") }.allSatisfy { $0.jobID == nil && $0.labels.isEmpty })
        #expect(summary.counts.classified + summary.counts.failed == 40)
    }
}
