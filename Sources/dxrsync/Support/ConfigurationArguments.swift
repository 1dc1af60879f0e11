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

    /// The sources in precedence order: `flags` > job parameters > environment > `./.env`.
    func sources(flags: [String: String] = [:]) throws -> ConfigurationSources {
        let parameters: [String: String]
        do {
            parameters = try JobParameters.parse(jobParameters)
        } catch {
            throw ValidationError(error.description)
        }
        return ConfigurationSources(
            flags: flags,
            jobParameters: parameters,
            environment: ProcessInfo.processInfo.environment,
            dotEnv: DotEnvFile.load(path: ".env"))
    }

    /// The configuration for `plan` and `report`; prints every problem and exits 2 when invalid.
    func loadPlan(flags: [String: String] = [:]) throws -> PlanConfiguration {
        try reportingProblems { try ConfigurationLoader.loadPlan(from: sources(flags: flags)) }
    }

    /// The configuration for `sync`; prints every problem and exits 2 when invalid.
    func loadSync(flags: [String: String] = [:]) throws -> SyncConfiguration {
        try reportingProblems { try ConfigurationLoader.loadSync(from: sources(flags: flags)) }
    }

    private func reportingProblems<Configuration>(_ load: () throws -> Configuration) throws -> Configuration {
        do {
            return try load()
        } catch let error as ConfigurationError {
            printError("dxrsync: \(error)")
            throw ExitStatus.configurationError
        }
    }
}

/// `--shard i/n`, for the commands that list the volume.
struct ShardOption: ParsableArguments {
    @Option(help: ArgumentHelp("Only shard i of n of the volume (as DXRSYNC_SHARD).", valueName: "i/n"))
    var shard: String?

    /// The option as a configuration flag.
    var flags: [String: String] { shard.map { ["DXRSYNC_SHARD": $0] } ?? [:] }
}
