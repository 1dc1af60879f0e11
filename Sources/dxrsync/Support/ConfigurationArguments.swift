import ArgumentParser
import Foundation
import SyncCore

/// The trailing job parameters every configured command accepts, and how they combine with the
/// environment and the `.env` file.
struct ConfigurationArguments: ParsableArguments {
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "Job parameters in the playbook's form: KEY=value or --key value (keys are case-insensitive, '-' = '_').",
            valueName: "KEY=value"))
    var jobParameters: [String] = []

    /// The sources in precedence order: `flags` > job parameters > environment > `./.env`. A job
    /// parameter no variable has, or an option `command` does not take, is an error naming the
    /// closest known name.
    func sources(for command: any ParsableCommand.Type, flags: [String: String] = [:]) throws -> ConfigurationSources {
        let vocabulary = JobParameters.Vocabulary(options: Self.options(of: command))
        return ConfigurationSources(
            flags: flags,
            jobParameters: try JobParameters.parse(jobParameters, vocabulary: vocabulary),
            environment: ProcessInfo.processInfo.environment,
            dotEnv: DotEnvFile.load(path: ".env"))
    }

    /// The configuration for `plan`, `report` and `views`.
    func loadPlan(for command: any ParsableCommand.Type, flags: [String: String] = [:]) throws -> PlanConfiguration {
        try ConfigurationLoader.loadPlan(from: sources(for: command, flags: flags))
    }

    /// The configuration for `sync`.
    func loadSync(for command: any ParsableCommand.Type, flags: [String: String] = [:]) throws -> SyncConfiguration {
        try ConfigurationLoader.loadSync(from: sources(for: command, flags: flags))
    }

    /// The `--long` names of every option and flag `command` declares (its option groups, hidden
    /// ones and `--help` included), from ArgumentParser's own description of the command: the JSON
    /// of `--experimental-dump-help` (`ToolInfoV0`), built from the declarations, not from help text.
    static func options(of command: any ParsableCommand.Type) -> [String] {
        // The names only feed a "did you mean" hint, not worth failing a command over; the
        // suggestions' tests (PlanCommandTests) notice if the format ever changes.
        guard let info = try? JSONDecoder().decode(DumpedHelp.self, from: Data(command._dumpHelp().utf8)) else {
            return []
        }
        let names = (info.command.arguments ?? []).flatMap { $0.names ?? [] }.filter { $0.kind == "long" }
        return Set(names.map { "--" + $0.name }).sorted()
    }

    /// The part of `ToolInfoV0` that names the arguments. ArgumentParser's `ArgumentParserToolInfo`
    /// module declares the whole, but it is not a product of the package, so it cannot be imported.
    private struct DumpedHelp: Decodable {
        struct Command: Decodable { let arguments: [Argument]? }
        struct Argument: Decodable { let names: [Name]? }
        struct Name: Decodable {
            /// `long`, `short` or `longWithSingleDash`.
            let kind: String
            let name: String
        }
        let command: Command
    }
}

/// `--part '<json>'`, for the commands that list the volume.
struct PartOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only this part of the volume, as `dxrsync partition` prints it (as DXRSYNC_PART).", valueName: "json"))
    var part: String?

    /// The option as a configuration flag.
    var flags: [String: String] { part.map { ["DXRSYNC_PART": $0] } ?? [:] }
}
