import Foundation
import TestSupport
import Testing

/// `dxrsync demo` twice: the second run uploads nothing.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct DemoCommandTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/volume").path

    @Test func theSecondRunUploadsNothing() async throws {
        let folder = TemporaryDirectory("demo")
        let arguments = ["demo", "--dir", folder.url("out").path, "--volume-base-path", Self.examples]
        let first = try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, arguments, environment: [:], workingDirectory: folder.path)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("The emulator received 8 files."))
        #expect(first.standardOutput.contains("finance/payments.json"))
        #expect(first.standardOutput.contains("PCI"))
        #expect(first.standardOutput.contains("classified 8, skipped 0, failed 0"))
        let second = try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, arguments, environment: [:], workingDirectory: folder.path)
        #expect(second.status == 0)
        #expect(second.standardOutput.contains("The emulator received 0 files."))
        #expect(second.standardOutput.contains("unchanged 8"))
        #expect(FileManager.default.fileExists(atPath: folder.url("out/dxr_metadata.sqlite").path))

        let report = try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, ["report", "--json"],
            environment: [
                "VOLUME_CATALOG": "demo", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "documents",
                "METADATA_SQLITE_PATH": folder.url("out/dxr_metadata.sqlite").path,
            ], workingDirectory: folder.path)
        #expect(report.status == 0, "\(report.standardError)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [String: Any])
        #expect(json["files"] as? Int == 8)
        #expect((json["by_status"] as? [String: [String: Int]])?["CLASSIFIED"]?["files"] == 8)
        #expect((json["by_label"] as? [String: [String: Int]])?["PCI"]?["files"] == 1)
        let pci = (json["files_by_label"] as? [String: [String: Any]])?["PCI"]
        #expect(pci?["files"] as? [String] == ["finance/payments.json"])
        #expect(pci?["more"] as? Int == 0)
        #expect((json["runs"] as? [Any])?.count == 2)
    }
}
