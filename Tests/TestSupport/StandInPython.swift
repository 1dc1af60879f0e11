import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The Python environment the workspace stand-in runs in, so that `swift test` sets itself up on
/// a fresh machine: a virtual environment under `.build/stand-in-venv`, created on first use from
/// `Tests/DatabricksWorkspace/requirements.txt` (packages already installed for the system's
/// Python are reused), and created again when the requirements change.
package enum StandInPython {
    /// The repository's root folder.
    package static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let requirements = repository.appendingPathComponent("Tests/DatabricksWorkspace/requirements.txt")
    static let environment = repository.appendingPathComponent(".build/stand-in-venv")

    /// The environment's `python3`, after creating the environment if needed. Tests running in
    /// parallel wait for one another here (a file lock), so it is created once.
    package static func executable() throws -> String {
        try prepared.get()
    }

    private static let prepared: Result<String, StandInError> = Result { () throws(StandInError) in try prepare() }

    private static func prepare() throws(StandInError) -> String {
        let python = environment.appendingPathComponent("bin/python3").path
        let marker = environment.appendingPathComponent(".requirements")
        guard let wanted = try? String(contentsOf: requirements, encoding: .utf8) else {
            throw StandInError(description: "cannot read \(requirements.path)")
        }
        try? FileManager.default.createDirectory(
            at: environment.deletingLastPathComponent(), withIntermediateDirectories: true)
        let lock = open(environment.path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw StandInError(description: "cannot create \(environment.path).lock") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        defer { flock(lock, LOCK_UN) }
        if (try? String(contentsOf: marker, encoding: .utf8)) == wanted,
            FileManager.default.isExecutableFile(atPath: python)
        {
            return python
        }
        FileHandle.standardError.write(
            Data("note: creating the workspace stand-in's Python environment in \(environment.path) (once)\n".utf8))
        try? FileManager.default.removeItem(at: environment)
        try run(["python3", "-m", "venv", "--system-site-packages", environment.path], doing: "create")
        try run(
            [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements.path],
            doing: "install the requirements into")
        try? wanted.write(to: marker, atomically: true, encoding: .utf8)
        return python
    }

    private static func run(_ arguments: [String], doing what: String) throws(StandInError) {
        let result: ProcessResult
        do {
            result = try ProcessRunner.run("/usr/bin/env", arguments)
        } catch {
            throw StandInError(description: "cannot \(what) the stand-in's Python environment: \(error)")
        }
        guard result.status == 0 else {
            throw StandInError(
                description: "cannot \(what) the stand-in's Python environment \(environment.path) "
                    + "(exit \(result.status)); Python 3 with venv and pip, and access to PyPI, are needed: "
                    + String(result.standardError.suffix(2_000)))
        }
    }

    /// Whether the stand-in also checks every statement with Spark's parser and analyzer: on
    /// when Java is found (Spark needs it), unless `DXRSYNC_STRICT_SQL=0`. When it is off, a note
    /// says so once.
    package static let strictSQL: Bool = {
        let setting = ProcessInfo.processInfo.environment["DXRSYNC_STRICT_SQL"]
        if setting == "0" {
            note("strict SQL mode is off (DXRSYNC_STRICT_SQL=0): statements are not checked by Spark")
            return false
        }
        guard javaIsInstalled else {
            note(
                "strict SQL mode is off: no Java found (install openjdk-17-jre-headless); statements are not "
                    + "checked by Spark's parser and analyzer")
            return false
        }
        return true
    }()

    private static var javaIsInstalled: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let home = environment["JAVA_HOME"], FileManager.default.isExecutableFile(atPath: home + "/bin/java") {
            return true
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/java") }
    }

    private static func note(_ text: String) {
        FileHandle.standardError.write(Data("note: \(text)\n".utf8))
    }
}

/// The one strict-mode Spark of a test run (`spark_check_service.py`): stand-ins started with its
/// socket send it their statements to check instead of each starting Spark, which costs seconds
/// of CPU and hundreds of MiB per process. It stops with the test process.
package enum SparkCheckService {
    /// The service's socket, starting it on first use; `nil` when strict mode is off.
    package static func socket() throws -> String? {
        guard StandInPython.strictSQL else { return nil }
        return try started.get().path
    }

    private struct Running: Sendable {
        let path: String
        let server: ChildServer
    }

    private static let started: Result<Running, any Error> = Result {
        let path = NSTemporaryDirectory() + "dxrsync-spark-check-\(getpid()).sock"
        let script = WorkspaceStandIn.scripts.appendingPathComponent("spark_check_service.py").path
        let server = try ChildServer(
            [try StandInPython.executable(), script, "--socket", path, "--exit-with-stdin"],
            name: "Spark check service", isReady: { $0.hasPrefix("ready") })
        return Running(path: path, server: server)
    }
}
