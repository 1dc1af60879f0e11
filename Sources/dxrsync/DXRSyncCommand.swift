import ArgumentParser
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

            Given only job parameters (dxrsync VOLUME_NAME=docs ...), dxrsync runs sync.

            \(VariableHelp.exitCodes)
            """,
        version: DXRSyncVersion.current,
        subcommands: [
            SyncCommand.self, PlanCommand.self, DoctorCommand.self, ReportCommand.self, ReviewCommand.self,
            ViewsCommand.self, PartitionCommand.self, OptimizeCommand.self,
            DemoCommand.self, EmulateDXRCommand.self, DocsCommand.self,
        ]
    )

    /// Runs the command. Every error is printed once, here, and mapped to its exit code once:
    /// ``RunFailure``s by their kind (2 configuration, 3 fatal), ArgumentParser's usage errors to 2
    /// (not its 64), anything else to 3.
    static func main() async {
        #if canImport(Glibc)
            // Upload chunks are allocated on one thread and freed on another. With glibc's default
            // of an arena per thread, freed chunks linger in many arenas and resident memory drifts
            // up with CPU contention (48 to 196 MiB measured for 2 GiB of uploads); two arenas keep
            // it near 50 MiB at no cost in speed (BENCHMARKS.md). Set before any thread starts.
            limitMallocArenas(2)
        #endif
        do {
            var command = try parseAsRoot(ImplicitSync.arguments(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(reporting: error)
        }
    }

    /// Prints `error` (unless it is a plain exit code or help) and exits with its code.
    static func exit(reporting error: any Error) -> Never {
        if error is any RunFailure {
            printError("dxrsync: \(error)")
            exit(withError: ExitCode(ExitStatus(for: error).rawValue))
        }
        let code = exitCode(for: error)
        if error is ExitCode || code == .success {
            exit(withError: error)
        }
        if code == .validationFailure {
            printError(fullMessage(for: error))
            exit(withError: ExitCode(ExitStatus.configuration.rawValue))
        }
        printError("dxrsync: \(error)")
        exit(withError: ExitCode(ExitStatus(for: error).rawValue))
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
