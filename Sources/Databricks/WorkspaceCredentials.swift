import Foundation
import SyncCore

/// How to reach a workspace: its URL and how to authenticate, resolved with the Databricks
/// unified-auth rules from the environment and, when needed, a profile in `~/.databrickscfg`.
package struct WorkspaceCredentials: Sendable, Hashable {
    package enum Method: Sendable, Hashable {
        /// A personal access token.
        case personalAccessToken(Secret)
        /// OAuth machine-to-machine with a service principal's client id and secret.
        case oauthMachineToMachine(clientID: String, clientSecret: Secret)
    }

    package var host: URL
    package var method: Method

    /// Resolves credentials. The profile file is read when a profile is named, or when neither a
    /// host nor any credential is set in the environment; environment values win over the file.
    /// Order of methods: personal access token, then OAuth M2M.
    package static func resolve(_ configuration: DatabricksConfiguration) throws(ConfigurationError)
        -> WorkspaceCredentials
    {
        let environmentHasAuth =
            configuration.token != nil || configuration.clientID != nil || configuration.clientSecret != nil
        var chosen = ChosenProfile(name: configuration.profile, reason: nil, keys: [:])
        if configuration.profileIsExplicit || (configuration.host == nil && !environmentHasAuth) {
            chosen = try readProfile(configuration)
        }
        let profile = chosen.keys
        guard let host = configuration.host ?? profile["host"].flatMap(SettingParsers.workspaceURL) else {
            throw problem(
                "DATABRICKS_HOST",
                "is required to reach the workspace; set it (or a host in profile '\(chosen.name)' of "
                    + "\(configuration.configFile)\(chosen.reason.map { ", \($0)" } ?? ""))")
        }
        if let token = configuration.token ?? profile["token"].map(Secret.init) {
            return WorkspaceCredentials(host: host, method: .personalAccessToken(token))
        }
        let clientID = configuration.clientID ?? profile["client_id"]
        let clientSecret = configuration.clientSecret ?? profile["client_secret"].map(Secret.init)
        switch (clientID, clientSecret) {
        case (let id?, let secret?):
            return WorkspaceCredentials(host: host, method: .oauthMachineToMachine(clientID: id, clientSecret: secret))
        case (_?, nil):
            throw problem(
                "DATABRICKS_CLIENT_SECRET", "is required with DATABRICKS_CLIENT_ID for OAuth machine-to-machine auth")
        case (nil, _?):
            throw problem(
                "DATABRICKS_CLIENT_ID", "is required with DATABRICKS_CLIENT_SECRET for OAuth machine-to-machine auth")
        case (nil, nil):
            throw problem(
                "DATABRICKS_TOKEN",
                "no credentials for \(host.absoluteString): set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET, or a profile"
            )
        }
    }

    /// A profile of the file, why it was chosen (for messages; `nil` when the file was not read),
    /// and its keys.
    private struct ChosenProfile {
        var name: String
        var reason: String?
        var keys: [String: String]
    }

    /// The profile to read and its keys. DATABRICKS_CONFIG_PROFILE names it; without it the one
    /// `[__settings__] default_profile` names, then `[DEFAULT]`, as the Databricks CLI and SDKs
    /// choose (``ProfileFile/defaultProfile``). A named profile that is missing is an error; a
    /// missing `[DEFAULT]` is not, the environment may say the rest.
    private static func readProfile(_ configuration: DatabricksConfiguration) throws(ConfigurationError)
        -> ChosenProfile
    {
        let path =
            configuration.configFile.hasPrefix("~/")
            ? NSHomeDirectory() + configuration.configFile.dropFirst(1) : configuration.configFile
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            if configuration.profileIsExplicit {
                throw problem(
                    "DATABRICKS_CONFIG_PROFILE",
                    "profile '\(configuration.profile)' cannot be read: \(path) does not exist")
            }
            return ChosenProfile(name: configuration.profile, reason: "which does not exist", keys: [:])
        }
        let file = ProfileFile(text: text)
        if configuration.profileIsExplicit {
            guard let keys = file.profile(configuration.profile) else {
                throw problem("DATABRICKS_CONFIG_PROFILE", "profile '\(configuration.profile)' is not in \(path)")
            }
            return ChosenProfile(name: configuration.profile, reason: "named by DATABRICKS_CONFIG_PROFILE", keys: keys)
        }
        if let name = file.defaultProfile {
            let reason = "named by [__settings__] default_profile there, as DATABRICKS_CONFIG_PROFILE is not set"
            guard let keys = file.profile(name) else {
                throw problem(
                    "DATABRICKS_CONFIG_PROFILE",
                    "profile '\(name)' is not in \(path); it is \(reason). Add the profile, correct default_profile, "
                        + "or set DATABRICKS_CONFIG_PROFILE")
            }
            return ChosenProfile(name: name, reason: reason, keys: keys)
        }
        return ChosenProfile(
            name: configuration.profile,
            reason: "the default, as neither DATABRICKS_CONFIG_PROFILE nor [__settings__] default_profile names one",
            keys: file.profile(configuration.profile) ?? [:])
    }

    private static func problem(_ variable: String, _ message: String) -> ConfigurationError {
        ConfigurationError(problems: [ConfigurationProblem(variable: variable, message: message)])
    }
}
