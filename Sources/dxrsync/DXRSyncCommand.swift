import ArgumentParser
import Databricks
import SyncCore

#if canImport(Glibc)
    import Glibc
#endif

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
        #if canImport(Glibc)
            // Upload chunks are allocated on one thread and freed on another. With glibc's default
            // of an arena per thread, freed chunks linger in many arenas and resident memory drifts
            // up with CPU contention (48 to 196 MiB measured for 2 GiB of uploads); two arenas keep
            // it near 50 MiB at no cost in speed (BENCHMARKS.md). Set before any thread starts.
            limitMallocArenas(2)
        #endif
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

#if canImport(Glibc)
    /// `mallopt(M_ARENA_MAX, count)`, looked up at run time: the Glibc module does not export it.
    private func limitMallocArenas(_ count: Int32) {
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let mArenaMax: Int32 = -8
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(mArenaMax, count)
    }
#endif
