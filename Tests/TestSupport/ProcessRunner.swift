import Foundation

/// What a finished child process left behind.
package struct ProcessResult: Sendable {
    package let status: Int32
    package let standardOutput: String
    package let standardError: String
}

/// Runs real child processes (the built `dxrsync` binary, system tools) for tests.
package enum ProcessRunner {
    /// Runs `executable` with `arguments` and waits for it. `environment` replaces the child's
    /// environment entirely when given, so tests never inherit the developer's `DXR_*` settings.
    package static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        workingDirectory: String? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a chatty child cannot block on a full pipe.
        let errorData = ReadAll(error.fileHandleForReading)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.wait(), as: UTF8.self))
    }

    /// ``run(_:_:environment:workingDirectory:)`` on its own thread, so waiting for the child never
    /// blocks a thread of the concurrency pool (servers in the test process need them).
    package static func runDetached(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        workingDirectory: String? = nil
    ) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result {
                        try run(executable, arguments, environment: environment, workingDirectory: workingDirectory)
                    })
            }
        }
    }

    /// Reads from `pipe` until the first newline (or its end): a server's "listening on …" line.
    package static func firstLine(of pipe: Pipe) -> String {
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        return String(decoding: line, as: UTF8.self)
    }

    /// The `dxrsync` binary built next to the test bundle (override with `DXRSYNC_BINARY`).
    package static var dxrsyncBinary: String {
        if let path = ProcessInfo.processInfo.environment["DXRSYNC_BINARY"] { return path }
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundleDirectory.appendingPathComponent("dxrsync").path
    }
}

/// Reads a file handle to its end on a background thread.
private final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
