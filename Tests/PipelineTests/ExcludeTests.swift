import DXREmulator
import Foundation
import SyncCore
import TestSupport
import Testing

/// `DXRSYNC_EXCLUDE` and `.dxrignore` files through the whole pipeline: the emulator, a SQLite
/// file and real files.
@Suite struct ExcludeTests {
    /// A volume with Delta internals, temp files and a folder whose steward wrote an ignore file.
    func volume() throws -> PipelineHarness {
        var harness = PipelineHarness()
        harness.excludes = [try GlobPattern("**/_delta_log/**"), try GlobPattern("*.tmp")]
        try harness.write("a.txt", "mail avery@example.com")
        try harness.write("t/_delta_log/00000.json", "{}")
        try harness.write("t/part-0.parquet", "parquet bytes")
        try harness.write("tmp/x.tmp", "scratch")
        try harness.write("raw/.dxrignore", "# steward: logs are noise\n*.log\n!keep.log\nscratch/\n")
        try harness.write("raw/a.log", "log line")
        try harness.write("raw/keep.log", "kept log")
        try harness.write("raw/scratch/s.txt", "scratch text")
        try harness.write("raw/data.txt", "card 4111 1111 1111 1111")
        return harness
    }

    @Test func excludedFilesAreNotUploadedAndAFileThatBecomesExcludedIsTombstonedWithTheRule() async throws {
        let harness = try volume()
        let (first, statistics) = try await harness.sync("run-1")
        #expect(first.exitStatus == .success)
        #expect(statistics.receivedParts == 4)
        var rows = try await harness.rows()
        #expect(Set(rows.keys) == ["a.txt", "t/part-0.parquet", "raw/keep.log", "raw/data.txt"])
        #expect(
            first.excluded.map { "\($0.pattern) \($0.origin) \($0.files)" } == [
                ".dxrignore ignore files are instructions, not data 1",
                "**/_delta_log/** DXRSYNC_EXCLUDE 1",
                "*.tmp DXRSYNC_EXCLUDE 1",
                "*.log /Volumes/main/hr/docs/raw/.dxrignore:2 1",
                "scratch/ /Volumes/main/hr/docs/raw/.dxrignore:4 1",
            ])
        #expect(first.text.contains("excluded 5:"))

        // The steward excludes a classified file: its row is tombstoned with the rule, and keeps
        // its last classification; nothing is uploaded.
        harness.clock.advance(by: 60)
        try harness.write("raw/.dxrignore", "*.log\n!keep.log\nscratch/\ndata.txt\n")
        let (second, secondStatistics) = try await harness.sync("run-2")
        #expect(secondStatistics.receivedParts == 0)
        #expect(second.counts.gone == 1)
        rows = try await harness.rows()
        let data = try #require(rows["raw/data.txt"])
        #expect(data.deletedAt == harness.clock.now())
        #expect(data.statusReason == "excluded by 'data.txt' (/Volumes/main/hr/docs/raw/.dxrignore:4)")
        #expect(data.status == .classified && data.labels == ["PCI", "Financial"])
        #expect(rows["a.txt"]?.deletedAt == nil)
    }

    @Test func aMalformedIgnoreFileStopsTheRunBeforeAnyUploadNamingTheLine() async throws {
        let harness = try volume()
        try harness.write("raw/.dxrignore", "*.log\n[unclosed\n")
        await #expect {
            _ = try await harness.sync("run-1")
        } throws: { error in
            (error as? ExcludeFileError)?.kind == .configuration
                && String(describing: error).hasPrefix(
                    "/Volumes/main/hr/docs/raw/.dxrignore line 2: the pattern '[unclosed' is malformed")
        }
        #expect(try await harness.rows().isEmpty)
        #expect(try await harness.runs().first?.error?.contains(".dxrignore line 2") == true)
    }

    /// An ignore file that cannot be read leaves its folder out and the listing incomplete: nothing
    /// under it is uploaded on a guess, and nothing anywhere is tombstoned.
    @Test func anUnreadableIgnoreFileLeavesItsFolderOutAndTombstonesNothing() async throws {
        let harness = try volume()
        _ = try await harness.sync("run-1")
        try FileManager.default.removeItem(at: harness.volume.url("a.txt"))
        try harness.write("raw/.dxrignore", String(repeating: "# padding\n", count: 110_000))
        let (second, statistics) = try await harness.sync("run-2")
        #expect(statistics.receivedParts == 0)
        #expect(!second.listingComplete)
        #expect(second.listingProblems.contains { $0.contains("raw/.dxrignore") && $0.contains("allowed") })
        let rows = try await harness.rows()
        #expect(rows.values.allSatisfy { $0.deletedAt == nil })
    }
}
