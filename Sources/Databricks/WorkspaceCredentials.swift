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
        var profile: [String: String] = [:]
        if configuration.profileIsExplicit || (configuration.host == nil && !environmentHasAuth) {
            profile = try readProfile(configuration)
        }
        guard let host = configuration.host ?? profile["host"].flatMap(SettingParsers.workspaceURL) else {
            throw problem(
                "DATABRICKS_HOST",
                "is required to reach the workspace; set it (or a host in profile '\(configuration.profile)' of \(configuration.configFile))"
            )
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

    private static func readProfile(_ configuration: DatabricksConfiguration) throws(ConfigurationError) -> [String:
        String]
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
            return [:]
        }
        let file = ProfileFile(text: text)
        guard let section = file.sections[configuration.profile] else {
            if configuration.profileIsExplicit {
                throw problem("DATABRICKS_CONFIG_PROFILE", "profile '\(configuration.profile)' is not in \(path)")
            }
            return [:]
        }
        return section
    }

    private static func problem(_ variable: String, _ message: String) -> ConfigurationError {
        ConfigurationError(problems: [ConfigurationProblem(variable: variable, message: message)])
    }
}
