import Foundation
import SQLiteStore
import SyncCore
import TestSupport
import Testing

/// Parts planned by `PartitionPlan` and run one after the other write, row for row, the table one
/// run over the whole volume writes: every file listed by exactly one part, every tombstone inside
/// the part that lists its folder.
@Suite struct PartitionTests {
    /// A volume with files at the root, a crowded folder, deep folders and an ignore file.
    func volume() throws -> PipelineHarness {
        var harness = PipelineHarness()
        harness.maxConcurrentJobs = 4
        for index in 0..<3 { try harness.write("r\(index).txt", "root \(index) mail r\(index)@example.com") }
        for index in 0..<12 { try harness.write("big/a/f\(index).txt", "card 4111 1111 1111 \(1000 + index)") }
        for index in 0..<6 { try harness.write("big/b/g\(index).csv", "name,phone\nn\(index),555-01\(index)") }
        for index in 0..<4 { try harness.write("big/own\(index).txt", "plain \(index)") }
        try harness.write("big/.dxrignore", "*.tmp\n")
        try harness.write("big/scratch.tmp", "scratch")
        try harness.write("big/a/deeper.tmp", "excluded by the ignore file of the folder above a part")
        try harness.write("small/x.txt", "x")
        try harness.write("deep/1/2/3/f.txt", "deep mail d@example.com")
        try harness.write("deep/1/g.txt", "g")
        return harness
    }

    /// The rows as a run leaves them, without what differs between two runs of the same files (run
    /// ids, DXR job and scan ids, times).
    func table(_ harness: PipelineHarness, path: String) async throws -> [String: String] {
        try await harness.rows(path: path).mapValues {
            "\($0.status) \($0.labels) \($0.tags) \($0.fileSize) \($0.sha256 ?? "-") "
                + "\($0.statusReason ?? "-") \($0.deletedAt == nil ? "live" : "tombstoned") \($0.coverage.map { "\($0)" } ?? "-")"
        }
    }

    /// Plans `count` parts against the partitioned store and runs each; returns the plan.
    func runParts(_ harness: PipelineHarness, count: Int, store path: String, round: Int) async throws
        -> (plan: PartitionPlan, listed: Int)
    {
        var harness = harness
        let store = try harness.store(path: path)
        try await store.prepare()
        let plan = try await PartitionPlan.make(
            count: count, scope: harness.scope, store: store, source: LocalVolumeSource(root: harness.volume.path),
            excludes: harness.excludes)
        var listed = 0
        for (index, part) in plan.parts.enumerated() {
            harness.selections = part.selections
            let (summary, _) = try await harness.sync("part-\(round)-\(index)", store: store)
            #expect(summary.exitStatus == .success, "\(summary.text)")
            listed += summary.counts.listed
        }
        return (plan, listed)
    }

    @Test(arguments: [1, 3, 8])
    func partsTogetherWriteTheTableOneRunWrites(count: Int) async throws {
        var harness = try volume()
        let partitioned = harness.work.url("store/parts.sqlite").path
        let (whole, _) = try await harness.sync("whole-1")
        let (first, listed) = try await runParts(harness, count: count, store: partitioned, round: 1)
        #expect(first.basis == .listing)
        #expect(first.parts.count <= count && (count == 1 || first.parts.count > 1))
        #expect(listed == whole.counts.listed)
        #expect(whole.excluded.contains { $0.pattern == "*.tmp" && $0.files == 2 })
        #expect(try await table(harness, path: partitioned) == table(harness, path: harness.databasePath))

        // Files deleted, added, and a folder nobody counted yet: planned again from the table. A part
        // made of the deleted folder alone sees all its rows gone, which the mass-deletion guard
        // holds back per part; let it through, as `--allow-mass-delete` does.
        harness.policy.allowMassDelete = true
        harness.clock.advance(by: 3_600)
        try FileManager.default.removeItem(at: harness.volume.url("big/a/f3.txt"))
        try FileManager.default.removeItem(at: harness.volume.url("r1.txt"))
        // A whole folder gone since the last run: the plan still gives its rows to a part.
        try FileManager.default.removeItem(at: harness.volume.url("deep"))
        try harness.write("big/a/f99.txt", "card 4111 1111 1111 1111")
        try harness.write("fresh/new.txt", "mail n@example.com")
        try harness.write("fresh/deeper/new2.txt", "new")
        let (wholeAgain, _) = try await harness.sync("whole-2")
        let (second, listedAgain) = try await runParts(harness, count: count, store: partitioned, round: 2)
        #expect(second.basis == .table)
        #expect(listedAgain == wholeAgain.counts.listed)
        let rows = try await table(harness, path: partitioned)
        #expect(rows["fresh/deeper/new2.txt"] != nil && rows["r1.txt"]?.hasSuffix("tombstoned -") == false)
        #expect(rows == (try await table(harness, path: harness.databasePath)))
        #expect(rows.values.filter { $0.contains("tombstoned") }.count == 4)
    }

    @Test func theCrowdedFolderIsSplitIntoItsOwnFilesAndItsSubfolders() async throws {
        var tree = FolderTree()
        for index in 0..<90 { tree.add(relativePath: "big/a/f\(index)", size: 10) }
        for index in 0..<30 { tree.add(relativePath: "big/own\(index)", size: 10) }
        for index in 0..<30 { tree.add(relativePath: "small/s\(index)", size: 10) }
        let parts = await PartitionPlanner(count: 3).plan(tree) { folder in
            ["": ["big", "small"], "big": ["big/a"], "big/a": []][folder] ?? []
        }
        #expect(parts.map { $0.selections.map(\.description) } == [["big/a/**"], ["*", "big/*"], ["small/**"]])
        #expect(parts.map(\.files) == [90, 30, 30])
    }

    @Test(arguments: [
        (#"["a/**", "a/b/**"]"#, "overlap"),
        (#"["a/**", "a/*"]"#, "overlap"),
        (#"["a/**", "b"]"#, "not a folder selection"),
        (#"["../x/**"]"#, "not a folder selection"),
        (#"[]"#, "JSON array"),
        (#"a/**"#, "JSON array"),
    ])
    func aMalformedPartIsAConfigurationErrorNamingIt(value: String, problem: String) {
        let environment = [
            "VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs", "DXRSYNC_PART": value,
        ]
        #expect {
            try ConfigurationLoader.loadPlan(from: ConfigurationSources(environment: environment))
        } throws: { error in
            String(describing: error).contains("DXRSYNC_PART") && String(describing: error).contains(problem)
        }
    }

    @Test func hashShardsAreRetiredWithAPointerToParts() {
        let environment = [
            "VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs", "DXRSYNC_SHARD": "1/4",
        ]
        #expect {
            try ConfigurationLoader.loadPlan(from: ConfigurationSources(environment: environment))
        } throws: { error in
            let text = String(describing: error)
            return text.contains("DXRSYNC_SHARD: hash shards are retired") && text.contains("dxrsync partition")
        }
    }

    @Test func aPartsOwnFilesAndItsSubfoldersAreDisjoint() throws {
        let own = try #require(FolderSelection(parsing: "a/*"))
        let sub = try #require(FolderSelection(parsing: "a/b/**"))
        let whole = try #require(FolderSelection(parsing: "a/**"))
        #expect(own.isDisjoint(with: sub) && !whole.isDisjoint(with: sub) && !own.isDisjoint(with: whole))
        #expect(own.contains(relativePath: "a/x.txt") && !own.contains(relativePath: "a/b/x.txt"))
        #expect(FolderSelection(parsing: "**") == .everything && FolderSelection.everything.description == "**")
    }
}
