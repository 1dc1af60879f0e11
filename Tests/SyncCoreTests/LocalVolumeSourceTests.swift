import Foundation
import SyncCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The local scanner on real temporary trees.
@Suite struct LocalVolumeSourceTests {
    static let awkwardNames = [
        "plain.txt", "with space.txt", "quote'single.txt", "quote\"double.txt", "new\nline.txt", "-leading-dash.txt",
        "--double-dash", "tab\there.csv", "back\\slash.json", "café-nfc.txt", "cafe\u{301}-nfd.txt", "日本語.txt",
        "emoji-🚀.md", "\u{200F}rtl-mark.txt", "semi;colon`back`tick.txt",
    ]

    @Test func listsEveryRegularFileWithAwkwardNames() async throws {
        let root = TemporaryDirectory()
        for (index, name) in Self.awkwardNames.enumerated() {
            try root.write("nested/\(name)", String(repeating: "x", count: index))
        }
        try root.write("top.txt", "hello")
        try root.write("a/b/c/d/deep.csv", "1,2\n")
        try root.write("empty.bin", "")
        try root.makeDirectory("empty-folder")

        let listing = try await LocalVolumeSource(root: root.path).list()
        let paths = listing.files.map(\.relativePath)
        let expected = (Self.awkwardNames.map { "nested/\($0)" } + ["top.txt", "a/b/c/d/deep.csv", "empty.bin"])
        #expect(paths.count == expected.count)
        #expect(Set(paths.map { Array($0.utf8) }) == Set(expected.map { Array($0.utf8) }))
        #expect(listing.isComplete)
        #expect(listing.problems.isEmpty)
        let sizes = Dictionary(uniqueKeysWithValues: listing.files.map { (Array($0.relativePath.utf8), $0.size) })
        #expect(sizes[Array("top.txt".utf8)] == 5)
        #expect(sizes[Array("empty.bin".utf8)] == 0)
        #expect(sizes[Array("nested/\(Self.awkwardNames[3])".utf8)] == 3)
        #expect(listing.totalBytes == 5 + 4 + Int64((0..<Self.awkwardNames.count).reduce(0, +)))
    }

    @Test func orderIsSortedByBytesAndDeterministic() async throws {
        let root = TemporaryDirectory()
        for name in ["b.txt", "a/z.txt", "A.txt", "a.txt", "a0.txt", "café.txt", "cafe\u{301}.txt"] {
            try root.write(name, name)
        }
        let first = try await LocalVolumeSource(root: root.path).list().files.map(\.relativePath)
        let second = try await LocalVolumeSource(root: root.path).list().files.map(\.relativePath)
        #expect(first.map { Array($0.utf8) } == second.map { Array($0.utf8) })
        #expect(
            first.map { Array($0.utf8) } == first.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(first.count == 7)
    }

    @Test func modificationTimeKeepsFullPrecision() async throws {
        let root = TemporaryDirectory()
        let file = try root.write("f.txt", "x")
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: file.path)
        let listed = try await LocalVolumeSource(root: root.path).list().files[0]
        #expect(listed.modified.seconds == 1_700_000_000)
        #expect(abs(Int(listed.modified.nanoseconds) - 123_456_000) < 1_000)
    }

    @Test func symlinksFifosAndLoopsAreNotFollowedOrListed() async throws {
        let root = TemporaryDirectory()
        let outside = TemporaryDirectory()
        try outside.write("secret.txt", "outside the volume")
        try root.write("real.txt", "real")
        try FileManager.default.createSymbolicLink(
            atPath: root.url("link-to-outside").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: root.url("link-to-file").path, withDestinationPath: "real.txt")
        try root.makeDirectory("loop")
        try FileManager.default.createSymbolicLink(atPath: root.url("loop/self").path, withDestinationPath: "..")
        #expect(mkfifo(root.url("pipe").path, 0o644) == 0)

        let listing = try await LocalVolumeSource(root: root.path).list()
        #expect(listing.files.map(\.relativePath) == ["real.txt"])
        #expect(listing.ignoredEntries == 4)
        #expect(listing.isComplete)
    }

    @Test func missingRootIsAnErrorNamingThePath() async throws {
        let root = TemporaryDirectory()
        let missing = root.url("no/such/volume").path
        do {
            _ = try await LocalVolumeSource(root: missing).list()
            Issue.record("expected an error")
        } catch {
            #expect(error.path == missing)
            #expect(error.description.contains(missing))
            #expect(error.reason.contains("does not exist"))
        }
    }

    @Test func rootThatIsAFileIsAnError() async throws {
        let root = TemporaryDirectory()
        let file = try root.write("file.txt", "x")
        await #expect(throws: VolumeSourceError.self) { try await LocalVolumeSource(root: file.path).list() }
    }

    @Test func volumeConfigurationPointsAtTheMount() {
        let scope = VolumeScope(catalog: "main", schema: "hr", volume: "docs", prefix: "in/2026")
        #expect(VolumeConfiguration(scope: scope, basePath: "/").localRoot == "/main/hr/docs/in/2026")
        #expect(VolumeConfiguration(scope: scope, basePath: "base/").localRoot == "base/main/hr/docs/in/2026")
        #expect(scope.filePath(relativePath: "a b.txt") == "/Volumes/main/hr/docs/in/2026/a b.txt")
    }
}
