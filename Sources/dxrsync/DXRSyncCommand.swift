import ArgumentParser
import Databricks
import SyncCore

/// The `dxrsync` command line.
@main
struct DXRSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dxrsync",
        abstract: "Keep a Unity Catalog table of Data X-Ray classifications for every file in a UC Volume.",
        discussion: """
            Configuration comes from command-line flags, then trailing job parameters (KEY=value or \
            --key value), then the environment, then a .env file in the working directory. The variable \
            names are those of the Python playbook (VOLUME_*, DXR_*, METADATA_*).

            Exit codes: 0 every file accounted for; 1 the run finished but some files failed; \
            2 usage or configuration error (nothing uploaded); 3 fatal runtime error.
            """,
        version: DXRSyncVersion.current,
        subcommands: [
            SyncCommand.self, PlanCommand.self, ReportCommand.self, ViewsCommand.self, DemoCommand.self,
            EmulateDXRCommand.self,
        ]
    )

    /// Runs the command with DESIGN.md's exit codes: usage errors exit 2 (not ArgumentParser's 64),
    /// and any unexpected runtime error exits 3 with its message.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if error is ExitCode || code == .success {
                exit(withError: error)
            }
            if code == .validationFailure {
                printError(fullMessage(for: error))
                exit(withError: ExitStatus.configurationError)
            }
            if error is DeltaSchemaMismatch {
                // An existing table dxrsync cannot write to: fixed by configuration, found before any upload.
                printError("dxrsync: \(error)")
                exit(withError: ExitStatus.configurationError)
            }
            printError("dxrsync: \(error)")
            exit(withError: ExitStatus.fatal)
        }
    }
}
