import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A server the tests run as a child process: it prints a first line when it is ready (a line
/// holding its `http://127.0.0.1:<port>` URL, for an HTTP server), and exits when its standard input
/// closes, so it never outlives the test process. Stopped with SIGKILL when released (a SIGTERM may
/// be ignored when the test runner was started with it ignored).
package final class ChildServer: @unchecked Sendable {
    /// `http://127.0.0.1:<port>`, from the first line; empty for a server that prints no URL.
    package let url: String
    /// The first line it printed, without its newline.
    package let firstLine: String
    private let process = Process()
    private let input = Pipe()

    /// Starts `arguments` with `/usr/bin/env` (so `python3` is found on the `PATH`) and waits for a
    /// first line that `isReady` accepts (by default one with an `http://` URL).
    package init(
        _ arguments: [String], name: String, isReady: (String) -> Bool = { $0.contains("http://") }
    ) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = ProcessRunner.firstLine(of: output)
        guard isReady(text) else {
            kill(process.processIdentifier, SIGKILL)
            throw StandInError(description: "the \(name) did not start: \(text)")
        }
        firstLine = text.trimmingCharacters(in: .newlines)
        url = text.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http://") }.map(String.init) ?? ""
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// A loopback TCP proxy that resets the first `drops` connections carrying more than `afterBytes`
/// bytes from the client (`Tests/FaultProxy/drop_proxy.py`).
package final class DroppingProxy: Sendable {
    package let url: String
    private let server: ChildServer

    package init(target: String, afterBytes: Int, drops: Int = 1) throws {
        let hostAndPort = target.replacingOccurrences(of: "http://", with: "")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FaultProxy/drop_proxy.py").path
        server = try ChildServer(
            [
                "python3", script, "--target", hostAndPort, "--after-bytes", String(afterBytes), "--drops",
                String(drops),
            ],
            name: "dropping proxy")
        url = server.url
    }
}
