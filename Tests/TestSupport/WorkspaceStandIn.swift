import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The Databricks workspace stand-in (`Tests/DatabricksWorkspace/workspace_server.py`) running
/// as a child process on an ephemeral loopback port; stopped when released.
public final class WorkspaceStandIn: @unchecked Sendable {
    /// `http://127.0.0.1:<port>`.
    public let url: String
    private let process: Process

    /// Starts the server over `root` (a folder holding `<catalog>/<schema>/<volume>/…`).
    public init(
        root: String, token: String, clientID: String? = nil, clientSecret: String? = nil,
        secrets: [String: String] = [:],
        pageSize: Int = 1000, failListing: [String] = []
    ) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DatabricksWorkspace/workspace_server.py").path
        var arguments = [script, "--root", root, "--token", token, "--page-size", String(pageSize)]
        if let clientID, let clientSecret { arguments += ["--client-id", clientID, "--client-secret", clientSecret] }
        for (reference, value) in secrets.sorted(by: { $0.key < $1.key }) {
            arguments += ["--secret", "\(reference)=\(value)"]
        }
        for folder in failListing { arguments += ["--fail-listing", folder] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = ProcessRunner.firstLine(of: output)
        guard let found = text.split(whereSeparator: \.isWhitespace).first(where: { $0.hasPrefix("http://") }) else {
            kill(process.processIdentifier, SIGKILL)
            throw StandInError(description: "the workspace stand-in did not start: \(text)")
        }
        url = String(found)
    }

    deinit {
        // SIGKILL: a SIGTERM may be ignored when the test runner was started with it ignored.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// The stand-in could not start.
public struct StandInError: Error, CustomStringConvertible {
    public var description: String
}
