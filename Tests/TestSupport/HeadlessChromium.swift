import Foundation

/// Debian's `chromium`, headless: loads a page, runs its scripts, and gives back the DOM as they
/// left it, what the page wrote to its console, or a screenshot. Each call uses a fresh profile in
/// a temporary folder.
package enum HeadlessChromium {
    /// What a loaded page left behind.
    package struct Page: Sendable {
        /// The DOM after the page's scripts ran, serialised.
        package var dom: String
        /// Lines the page wrote to its console (and uncaught errors).
        package var console: [String]
    }

    /// The browser: `CHROMIUM` if set, else the first of the usual names found.
    package static func executable() throws -> String {
        if let path = ProcessInfo.processInfo.environment["CHROMIUM"] { return path }
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        throw StandInError(
            description: "no headless browser: install Debian's chromium package (apt-get install chromium; "
                + ".ci/run does) or set CHROMIUM to a Chromium binary")
    }

    /// Loads `url` and returns the DOM after its scripts ran and its console output.
    package static func load(_ url: String) async throws -> Page {
        let result = try await run(["--enable-logging=stderr", "--v=0", "--dump-dom", url])
        let console = result.standardError.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Page(dom: result.standardOutput, console: console)
    }

    /// Loads `url` in a window of `width` × `height` and writes a PNG screenshot to `path`.
    package static func screenshot(_ url: String, to path: String, width: Int, height: Int) async throws {
        let result = try await run([
            "--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(path)", url,
        ])
        guard FileManager.default.fileExists(atPath: path) else {
            throw StandInError(description: "chromium wrote no screenshot: \(result.standardError.suffix(600))")
        }
    }

    private static func run(_ arguments: [String]) async throws -> ProcessResult {
        let profile = TemporaryDirectory("chromium")
        return try await ProcessRunner.runDetached(
            try executable(),
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(profile.path)",
            ] + arguments,
            environment: ["HOME": profile.path, "PATH": "/usr/bin:/bin"])
    }
}
