import ArgumentParser
import DXR
import DXREmulator
import Foundation
import ReportPage
import SyncCore

/// `dxrsync demo`: the whole job on the bundled example volume, against an in-process DXR
/// emulator on a loopback port, into a SQLite file. No configuration, no network.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Sync the bundled example volume through a local DXR emulator into ./dxrsync-demo and show the table.",
        discussion: """
            Run it twice: the second run uploads nothing, because every file is unchanged. Edit or add a \
            file under the volume folder and run it again to see only that file re-uploaded.
            """
    )

    @Option(help: "Folder for the demo's SQLite file and its HTML report.")
    var dir = "dxrsync-demo"

    @Option(help: "Base path holding demo/hr/documents (the bundled example volume).")
    var volumeBasePath = "examples/volume"

    @Flag(help: "Reclassify every file.")
    var full = false

    func run() async throws {
        let scope = VolumeScope(catalog: "demo", schema: "hr", volume: "documents")
        let volume = VolumeConfiguration(scope: scope, basePath: volumeBasePath)
        guard FileManager.default.fileExists(atPath: volume.localRoot) else {
            throw UsageError(
                "the example volume \(volume.localRoot) was not found; run the demo from the repository root "
                    + "or pass --volume-base-path")
        }
        // A fresh token per run: the emulator listens on loopback only for the length of the demo.
        let token = "demo-" + UUID().uuidString.lowercased()
        let databasePath = (dir as NSString).appendingPathComponent("dxr_metadata.sqlite")
        let logger = SyncRunner.logger(debug: false)
        let emulator = EmulatorConfiguration(token: token, datasourceIDs: ["1", "2"])
        let plan = PlanConfiguration(
            volume: volume,
            metadata: MetadataConfiguration(
                catalog: "demo", schema: "hr", table: "documents_metadata", backend: .sqlite(path: databasePath)))
        let summary = try await DXREmulatorServer.withRunning(emulator) { running in
            FileHandleOutput.standardOutput.write("DXR emulator on \(running.url); store \(databasePath)\n")
            let dxr = DXRConfiguration(
                baseURL: URL(string: running.url)!, datasourceIDs: ["1", "2"], token: .direct(Secret(token)),
                pollIntervalSeconds: 0.5)
            let summary = try await SyncRunner.run(SyncConfiguration(plan: plan, dxr: dxr), full: full, logger: logger)
            let received = await running.store.statistics.receivedParts
            FileHandleOutput.standardOutput.write("The emulator received \(received) files.\n")
            return summary
        }
        let store = try SyncRunner.store(for: plan, workspace: nil, logger: logger)
        let records = try await store.records(under: scope.rootPath + "/", limit: 1_000)
        let latestRun = try await store.recentRuns(limit: 1).first?.startedAt
        let report = try await store.report(
            ReportQuery(scope: scope.rootPath, filesPerLabel: ReportQuery.defaultFilesPerLabelOnPage, since: latestRun))
        let page = (dir as NSString).appendingPathComponent("report.html")
        try ReportPage(report: report, generatedAt: Date()).write(to: page)
        FileHandleOutput.standardOutput.write(
            FileTable.render(records) + "\n" + summary.text + "\nThe report as a page: \(page)\n")
        if summary.exitStatus != .success { throw ExitCode(summary.exitStatus.rawValue) }
    }
}
