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
