import Foundation

/// Unbuffered writes to the standard streams.
enum FileHandleOutput {
    case standardOutput
    case standardError

    func write(_ string: String) {
        let handle = self == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(string.utf8))
    }
}
