import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `dxrsync emulate-dxr` as a real process: prints its URL, answers with the token, stops on SIGTERM.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct EmulateDXRCommandTests {
    @Test func servesUntilTerminated() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessRunner.dxrsyncBinary)
        process.arguments = ["emulate-dxr", "--port", "0", "--token", "cli-token", "--datasource", "7,8"]
        process.environment = [:]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let text = ProcessRunner.firstLine(of: output)
        let url = try #require(text.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init))
        #expect(!text.contains("cli-token"))

        var request = URLRequest(url: URL(string: url + "/api/tags/101")!)
        request.setValue("Bearer cli-token", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("\"name\":\"PII\""))

        var anonymous = URLRequest(url: URL(string: url + "/api/tags/101")!)
        anonymous.setValue("Bearer wrong", forHTTPHeaderField: "Authorization")
        let (_, rejected) = try await URLSession.shared.data(for: anonymous)
        #expect((rejected as? HTTPURLResponse)?.statusCode == 401)

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test func rejectsBadOptions() throws {
        let result = try ProcessRunner.run(
            ProcessRunner.dxrsyncBinary, ["emulate-dxr", "--datasource", "x"], environment: [:])
        #expect(result.status == 2)
        #expect(result.standardError.contains("--datasource"))
    }
}
