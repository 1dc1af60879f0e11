import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Awkward volume contents, generated into a folder by the tests that use them: names that break
/// naive code, empty files, links, FIFOs, a crowded folder and a deep one.
package enum BadInputCorpus {
    /// File names (one per file, in the volume's root) that must each become exactly one row.
    package static let awkwardNames = [
        "quote'd \"double\".txt", #"back\slash.txt"#, "new\nline.txt", "tab\there.txt", "-leading-dash.txt",
        "--double-dash.txt", " leading space.txt", "trailing space .txt", String(repeating: "n", count: 251) + ".txt",
        "caf\u{E9}.txt", "cafe\u{301}.txt", "\u{200F}right-to-left\u{202E}txt.exe", "x'); DROP TABLE t; --.txt",
        "`backtick`.csv", "$(touch pwned).sh", "%41%2F%00.txt", "semi;colon.txt", "emoji \u{1F512}.txt", "* ? [a].txt",
    ]
    /// Files in the crowded folder.
    package static let crowdedCount = 2_500
    /// Depth of the deep folder chain.
    package static let depth = 40

    /// Writes the corpus into `root`; returns the relative paths of the regular files that must
    /// each end with a row (the links, the FIFO and the name that is not UTF-8 must not).
    @discardableResult
    package static func write(into root: String, crowded: Bool = true) throws -> [String] {
        var expected: [String] = []
        func file(_ relative: String, _ contents: String) throws {
            let url = URL(fileURLWithPath: root).appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
            expected.append(relative)
        }
        for (index, name) in awkwardNames.enumerated() {
            try file(name, index % 3 == 0 ? "mail person\(index)@example.com" : "nothing to see \(index)")
        }
        try file("empty.txt", "")
        let deep = (1...depth).map { "level\($0)" }.joined(separator: "/")
        try file(deep + "/deep.txt", "card 4111 1111 1111 1111")
        if crowded {
            for index in 0..<crowdedCount { try file("crowded/f\(index).txt", "row \(index)") }
        }
        // Not files: a symbolic-link loop, a link to a file, a FIFO, and a name that is not UTF-8.
        try FileManager.default.createDirectory(atPath: root + "/links", withIntermediateDirectories: true)
        symlink("loop-b", root + "/links/loop-a")
        symlink("loop-a", root + "/links/loop-b")
        symlink("../empty.txt", root + "/links/to-empty")
        mkfifo(root + "/links/fifo", 0o644)
        let invalid: [UInt8] = Array((root + "/links/bad-").utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
        let descriptor = invalid.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                open($0, O_CREAT | O_WRONLY, 0o644)
            }
        }
        if descriptor >= 0 { close(descriptor) }
        return expected
    }
}
