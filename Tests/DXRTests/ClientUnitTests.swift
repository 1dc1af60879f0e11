import Foundation
import HTTPSupport
import NIOCore
import SyncCore
import TestSupport
import Testing

@testable import DXR

@Suite struct ClientUnitTests {
    @Test(arguments: [
        ("https://dxr.example.com", "/api", "https://dxr.example.com/api/tags/1"),
        ("https://dxr.example.com/", "/api", "https://dxr.example.com/api/tags/1"),
        ("https://dxr.example.com/api", "/api", "https://dxr.example.com/api/tags/1"),
        ("https://dxr.example.com/api/", "/api", "https://dxr.example.com/api/tags/1"),
        ("https://dxr.example.com/dxr", "", "https://dxr.example.com/dxr/tags/1"),
        ("http://127.0.0.1:8080/v1", "/v1", "http://127.0.0.1:8080/v1/tags/1"),
    ])
    func endpointJoinsBasePrefixAndPathWithoutDoubling(base: String, prefix: String, expected: String) {
        #expect(DXREndpoint(baseURL: URL(string: base)!, apiPrefix: prefix).url("/tags/1") == expected)
    }

    @Test func jobStatusAcceptsBothShapes() throws {
        let flat = try JSONDecoder().decode(
            JSONValue.self, from: Data(#"{"id":7,"state":"FINISHED","datasourceScanId":"98"}"#.utf8))
        #expect(JobStatus(json: flat) == JobStatus(state: "FINISHED", scanID: 98))
        #expect(JobStatus.jobID(in: flat) == "7")
        let nested = try JSONDecoder().decode(
            JSONValue.self, from: Data(#"{"id":"x","state":{"value":"FAILED","errorMessage":"boom"}}"#.utf8))
        #expect(JobStatus(json: nested) == JobStatus(state: "FAILED", scanID: nil, message: "boom"))
    }

    @Test func rawMetadataDropsTextAndPhrasesButKeepsCounts() {
        let source: [String: JSONValue] = [
            "dxr#raw_text": .string("card 4111 1111 1111 1111"),
            "annotation.3": .array([.string("4111 1111 1111 1111")]),
            "annotation_stats#count.3": .number(1), "annotators": .array([.string("annotation.3")]),
            "dxr#tags": .array([.number(102)]),
        ]
        let raw = HitMapping.rawMetadata(of: source)
        #expect(!raw.contains("4111"))
        #expect(raw == #"{"annotation_stats#count.3":1,"annotators":["annotation.3"],"dxr#tags":[102]}"#)
        #expect(HitMapping.annotatorIDs(of: source) == ["3"])
        #expect(HitMapping.labelIDs(of: source) == ["102"])
        #expect(HitMapping.uploadName(of: ["ds#file_name": .string("/a_1.txt")]) == "a_1.txt")
    }

    @Test func uploadNamesAreUniqueSafeAndKeepTheExtension() {
        #expect(UploadNaming.uploadName(for: "a/b/report.pdf", token: "3f9a2c1d5e6b") == "report_3f9a2c1d5e6b.pdf")
        #expect(
            UploadNaming.uploadName(for: "x/we\"ird\nname.tar.gz", token: "000000000001")
                == "we_ird_name.tar_000000000001.gz")
        #expect(UploadNaming.uploadName(for: ".env", token: "abc") == "_env_abc")
        #expect(UploadNaming.uploadName(for: "-", token: "abc") == "-_abc")
        #expect(UploadNaming.randomToken().count == 12)
        #expect(UploadNaming.mimeType(for: "a/B.CSV") == "text/csv")
        #expect(UploadNaming.mimeType(for: "noext") == "application/octet-stream")
    }

    @Test func multipartBodyMatchesItsContentLengthAndPadsAFileThatShrank() async throws {
        let volume = TemporaryDirectory()
        try volume.write("a.txt", String(repeating: "a", count: 100_000))
        try volume.write("b.txt", "bbbb")
        let source = LocalVolumeSource(root: volume.path)
        let files = try await source.list().files
        var parts: [UploadPart] = []
        for (index, file) in files.enumerated() {
            parts.append(
                UploadPart(
                    index: index, uploadName: "n\(index).txt", mimeType: "text/plain", size: file.size,
                    contents: try await source.open(file)))
        }
        // Shrink a.txt after it was opened: the body must still have its announced length.
        try Data("short".utf8).write(to: volume.url("a.txt"))
        let changes = UploadChanges()
        let upload = MultipartUpload(parts: parts, changes: changes, boundary: "B")
        var total = 0
        for try await chunk in upload { total += chunk.readableBytes }
        for part in parts { await part.contents.close() }
        #expect(Int64(total) == upload.contentLength)
        #expect(changes.all.keys.sorted() == [0])
        #expect(changes.all[0]?.contains("changed during upload") == true)
    }

    @Test func retryPolicyHonoursRetryAfterAndCapsBackOff() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3), random: 0.5) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .milliseconds(200), random: 0.5) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 1) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 10, retryAfter: nil, random: 1) == .seconds(1))
        #expect(RetryPolicy.retryAfter("2") == .seconds(2))
        #expect(RetryPolicy.retryAfter("soon") == nil)
        #expect(RetryPolicy.transientStatuses.contains(503) && !RetryPolicy.transientStatuses.contains(401))
        #expect(RetryPolicy.retryableStatuses(idempotent: true).contains(500))
        #expect(!RetryPolicy.retryableStatuses(idempotent: false).contains(500))
    }

    @Test func pollScheduleStartsFastAndStretchesToTheCeiling() {
        let schedule = PollSchedule(ceiling: .seconds(10))
        #expect(schedule.delay(afterPolls: 0) == .milliseconds(250))
        #expect(schedule.delay(afterPolls: 1) == .microseconds(312_500))
        #expect(schedule.delay(afterPolls: 50) == .seconds(10))
    }
}
