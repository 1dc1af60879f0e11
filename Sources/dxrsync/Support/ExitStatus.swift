import ArgumentParser
import SyncCore

/// The exit codes of DESIGN.md.
enum ExitStatus {
    /// Every file accounted for and classified or skipped by rule.
    static let success = ExitCode(0)
    /// The run finished but some files failed.
    static let filesFailed = ExitCode(1)
    /// Usage or configuration error; nothing was uploaded.
    static let configurationError = ExitCode(2)
    /// A fatal runtime error, such as rejected credentials.
    static let fatal = ExitCode(3)
}

/// Writes a line to standard error.
func printError(_ message: String) {
    var stream = StandardErrorStream()
    print(message, to: &stream)
}

/// Standard error as a `TextOutputStream`.
struct StandardErrorStream: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleOutput.standardError.write(string)
    }
}
