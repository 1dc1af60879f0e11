import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is released.
package final class TemporaryDirectory: Sendable {
    /// The folder's absolute path.
    package let path: String

    package init(_ label: String = "dxrsync") {
        let name = "\(label)-\(UUID().uuidString.prefix(8))"
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Make every folder writable again first, in case a test removed permissions.
        _ = try? ProcessRunner.run("/bin/chmod", ["-R", "u+rwx", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `relative` inside the folder.
    package func url(_ relative: String) -> URL { URL(fileURLWithPath: path).appendingPathComponent(relative) }

    /// Writes `contents` at `relative`, creating folders on the way.
    @discardableResult
    package func write(_ relative: String, _ contents: String) throws -> URL {
        try write(relative, data: Data(contents.utf8))
    }

    /// Writes `data` at `relative`, creating folders on the way.
    @discardableResult
    package func write(_ relative: String, data: Data) throws -> URL {
        let target = url(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        return target
    }

    /// Creates the folder `relative` and its parents.
    package func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(at: url(relative), withIntermediateDirectories: true)
    }
}
