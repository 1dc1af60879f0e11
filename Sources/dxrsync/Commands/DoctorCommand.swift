import ArgumentParser
import Foundation
import SyncCore

/// `dxrsync doctor`: checks every dependency of the current configuration before a run needs it.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check every dependency the configuration uses, with the calls a run makes and nothing written.",
        discussion: """
            Checks, as far as the configuration uses them: on a cluster the runtime; the Databricks \
            workspace and the DXR token's secret; DXR (reachable, TLS, the token accepted, each datasource \
            an On-Demand Classifier, its rules readable); the volume (it lists, a file reads); the store \
            (the SQLite file, or the SQL warehouse's state, or the cluster's Spark session, and the table: \
            creatable, or with columns dxrsync can write). A check that depends on a failed one is left out.

            One line per check: ok, warning or failed, with what to do. Exit codes: 0 nothing failed \
            (warnings allowed); 2 a configuration problem; 3 a service did not answer at all.

            \(VariableHelp.section(for: [.plan, .sync, .store]))
            """
    )

    @Flag(help: "Print the checks as one JSON object instead of lines.")
    var json = false

    @OptionGroup var configuration: ConfigurationArguments

    func run() async throws {
        let config = try configuration.loadSync(for: Self.self)
        let logger = SyncRunner.logger(debug: config.plan.debug)
        let runtime = ProcessInfo.processInfo.environment[Settings.databricksRuntimeVersion.name]
        let report = await Doctor.run(config, runtimeVersion: runtime, logger: logger)
        FileHandleOutput.standardOutput.write((json ? try SortedJSON.text(report) : report.text) + "\n")
        if report.exitStatus != .success { throw ExitCode(report.exitStatus.rawValue) }
    }
}
