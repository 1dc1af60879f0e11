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

    /// The `--long` options a command's help lists.
    static func options(of command: any ParsableCommand.Type) -> [String] {
        let help = command.helpMessage(includeHidden: true, columns: 1_000)
        let names = help.matches(of: /--[a-z][a-z0-9-]*/).map { String($0.output) }
        return Array(Set(names)).sorted()
    }
}

/// `--shard i/n`, for the commands that list the volume.
struct ShardOption: ParsableArguments {
    @Option(help: ArgumentHelp("Only shard i of n of the volume (as DXRSYNC_SHARD).", valueName: "i/n"))
    var shard: String?

    /// The option as a configuration flag.
    var flags: [String: String] { shard.map { ["DXRSYNC_SHARD": $0] } ?? [:] }
}
