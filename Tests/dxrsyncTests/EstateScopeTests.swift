import DXREmulator
import Foundation
import SQLiteStore
import SyncCore
import TestSupport
import Testing

/// `DXRSYNC_SCOPE` over a whole catalog, as a real process: volumes found through the Unity Catalog
/// list APIs of the workspace stand-in (paged, unordered, an empty page with a token, a volume the
/// caller may only BROWSE), each synced into the one table, and reported per volume.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct EstateScopeTests {
    static let pat = "pat-estate-19"

    /// A catalog `main` of 3 schemas × 4 volumes, two files each.
    func catalog(_ harness: SyncHarness) throws {
        for schema in 0..<3 {
            for volume in 0..<4 {
                let folder = "main/s\(schema)/v\(volume)"
                try harness.base.write("\(folder)/a.txt", "mail person\(schema)\(volume)@example.com")
                try harness.base.write("\(folder)/sub/b.txt", "plain \(schema) \(volume)")
            }
        }
    }

    func environment(_ harness: SyncHarness, workspace: WorkspaceStandIn, url: String, _ extra: [String: String] = [:])
        -> [String: String]
    {
        var environment = harness.environment(
            url: url,
            [
                "VOLUME_SOURCE": "files-api", "DATABRICKS_HOST": workspace.url, "DATABRICKS_TOKEN": Self.pat,
                "DXRSYNC_SCOPE": "/Volumes/main", "METADATA_SCHEMA": "governance",
            ].merging(extra) { $1 })
        for variable in ["VOLUME_CATALOG", "VOLUME_SCHEMA", "VOLUME_NAME"] { environment[variable] = nil }
        return environment
    }

    func run(_ command: [String], _ environment: [String: String], in harness: SyncHarness) async throws
        -> ProcessResult
    {
        try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, command, environment: environment, workingDirectory: harness.work.path)
    }

    @Test func aCatalogRunsEveryReadableVolumeIntoOneTableAndNamesTheOneItCannotRead() async throws {
        let harness = SyncHarness()
        try catalog(harness)
        let workspace = try WorkspaceStandIn(
            root: harness.base.path, token: Self.pat, unreadableVolumes: ["main.s1.v2"])
        let (results, statistics) = try await SyncHarness.withEmulator { url in
            let environment = environment(harness, workspace: workspace, url: url)
            let sync = try await run(["sync", "--json"], environment, in: harness)
            let again = try await run(["sync"], environment, in: harness)
            let report = try await run(["report", "--json"], environment, in: harness)
            let plan = try await run(["plan", "--json", "--incremental"], environment, in: harness)
            let doctor = try await run(["doctor"], environment, in: harness)
            return [sync, again, report, plan, doctor]
        }
        let (sync, again, report, plan) = (results[0], results[1], results[2], results[3])
        // The unreadable volume makes the run exit 1: the scope was not covered.
        #expect(sync.status == 1, "\(sync.standardError)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(sync.standardOutput.utf8)) as? [String: Any])
        let volumes = try #require(summary["volumes"] as? [[String: Any]])
        #expect(volumes.count == 11)
        #expect(volumes.first?["scope"] as? String == "/Volumes/main/s0/v0")
        let skipped = try #require(summary["skipped"] as? [[String: String]])
        #expect(skipped.map { $0["name"] } == ["main.s1.v2"])
        #expect(skipped.first?["reason"]?.contains("BROWSE only") == true)
        #expect((summary["total"] as? [String: Any])?["classified"] as? Int == 22)
        #expect(statistics.receivedParts == 22)
        #expect(again.standardOutput.contains("11 volumes run, 1 skipped"))
        #expect(again.standardOutput.contains("SKIPPED main.s1.v2: listed through BROWSE only"))
        #expect(again.standardOutput.contains("Total: listed 22, uploaded 0 files"))

        // One table, `main.governance.dxrsync_metadata`, holds every readable volume.
        let store = try SQLiteMetadataStore(path: harness.databasePath, table: "dxrsync_metadata")
        let rows = try await store.records(under: "/Volumes/main/")
        #expect(rows.count == 22)
        #expect(!rows.contains { $0.filePath.hasPrefix("/Volumes/main/s1/v2/") })
        #expect(Set(rows.map { "\($0.catalogName).\($0.schemaName).\($0.volumeName)" }).count == 11)

        #expect(report.status == 0, "\(report.standardError)")
        let figures = try #require(
            try JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [String: Any])
        #expect(figures["scope"] as? String == "/Volumes/main")
        #expect(figures["files"] as? Int == 22)
        let perVolume = try #require(figures["volumes"] as? [[String: Any]])
        #expect(perVolume.count == 11)
        #expect(perVolume.allSatisfy { $0["files"] as? Int == 2 && $0["classified"] as? Int == 2 })

        // plan covers the same volumes, each with nothing left to send.
        #expect(plan.status == 0, "\(plan.standardError)")
        let plans = try #require(
            try JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any])
        let planned = try #require(plans["volumes"] as? [[String: Any]])
        #expect(planned.count == 11 && planned.allSatisfy { $0["planned_files"] as? Int == 0 })
        #expect((plans["skipped"] as? [[String: String]])?.map { $0["name"] } == ["main.s1.v2"])

        // doctor finds the same volumes, warns about the one it cannot read, and lists each.
        let doctor = results[4]
        #expect(doctor.status == 0, "\(doctor.standardOutput)\(doctor.standardError)")
        #expect(doctor.standardOutput.contains("11 volumes found through the Unity Catalog API"))
        #expect(doctor.standardOutput.contains("skipped main.s1.v2"))
    }

    /// A volume that lists (the caller sees it) but whose files answer 403 is skipped with the
    /// error, and the other volumes of the schema run; include and exclude lists narrow the scope.
    @Test func aVolumeThatRefusesItsListingIsSkippedAndTheListsNarrowTheScope() async throws {
        let harness = SyncHarness()
        try catalog(harness)
        let workspace = try WorkspaceStandIn(
            root: harness.base.path, token: Self.pat, unreadableVolumes: ["main.s1.v2"])
        let (results, _) = try await SyncHarness.withEmulator { url in
            let narrowed = environment(
                harness, workspace: workspace, url: url,
                [
                    "DXRSYNC_SCOPE": "/Volumes/main/s0, /Volumes/main/s2/v3/sub, /Volumes/main/s1/v2",
                    "DXRSYNC_SCOPE_EXCLUDE": "main.s0.v1", "DXRSYNC_SCOPE_INCLUDE": "main.s0,main.s2.v*,main.s1.v2",
                ])
            return [try await run(["sync"], narrowed, in: harness)]
        }
        let sync = results[0]
        #expect(sync.status == 1, "\(sync.standardError)")
        #expect(sync.standardOutput.contains("4 volumes run, 1 skipped"), "\(sync.standardOutput)")
        #expect(sync.standardOutput.contains("SKIPPED main.s1.v2: cannot list '/Volumes/main/s1/v2'"))
        #expect(sync.standardOutput.contains("READ VOLUME"))
        for volume in [
            "/Volumes/main/s0/v0:", "/Volumes/main/s0/v2:", "/Volumes/main/s0/v3:", "/Volumes/main/s2/v3/sub:",
        ] {
            #expect(sync.standardOutput.contains(volume), "\(volume)")
        }
        #expect(!sync.standardOutput.contains("/Volumes/main/s0/v1:"))
    }

    @Test(arguments: [
        (["DXRSYNC_SCOPE": "/Volumes/main", "VOLUME_NAME": "docs"], "VOLUME_NAME: is set together with DXRSYNC_SCOPE"),
        (["DXRSYNC_SCOPE": "main.hr"], "DXRSYNC_SCOPE: 'main.hr' is not a Unity Catalog path"),
        (["DXRSYNC_SCOPE": "/Volumes/main,/Volumes/other"], "METADATA_SCHEMA: is required with a DXRSYNC_SCOPE"),
        (["DXRSYNC_SCOPE": "/Volumes/main", "DXRSYNC_SCOPE_EXCLUDE": "main"], "expected catalog.schema"),
    ])
    func aScopeThatCannotBeReadIsAConfigurationError(settings: [String: String], message: String) {
        #expect {
            try ConfigurationLoader.loadPlan(from: ConfigurationSources(environment: settings))
        } throws: { error in
            String(describing: error).contains(message)
        }
    }
}
