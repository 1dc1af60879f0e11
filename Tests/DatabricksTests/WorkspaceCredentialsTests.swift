import Databricks
import Foundation
import SyncCore
import TestSupport
import Testing

/// Unified-auth resolution: environment first, the profile file when a profile is named or
/// nothing is set, personal access token before OAuth M2M.
@Suite struct WorkspaceCredentialsTests {
    let folder = TemporaryDirectory("cfg")

    func profileFile() throws -> String {
        try folder.write(
            "databrickscfg",
            """
            ; comment
            [DEFAULT]
            host  = dbc-default.cloud.databricks.com
            token = default-token

            [ingest-sp]
            host          = https://adb-1111.11.azuredatabricks.net/
            client_id     = sp-id
            client_secret = sp-secret
            """
        ).path
    }

    func resolve(_ configuration: DatabricksConfiguration) -> Result<WorkspaceCredentials, ConfigurationError> {
        Result { () throws(ConfigurationError) in try WorkspaceCredentials.resolve(configuration) }
    }

    @Test func environmentTokenWins() throws {
        let credentials = try WorkspaceCredentials.resolve(
            DatabricksConfiguration(
                host: URL(string: "https://env.example.com"), token: Secret("env-token"), configFile: try profileFile())
        )
        #expect(credentials.host.absoluteString == "https://env.example.com")
        #expect(credentials.method == .personalAccessToken(Secret("env-token")))
    }

    @Test func theDefaultProfileIsReadWhenNothingIsSet() throws {
        let credentials = try WorkspaceCredentials.resolve(DatabricksConfiguration(configFile: try profileFile()))
        #expect(credentials.host.absoluteString == "https://dbc-default.cloud.databricks.com")
        #expect(credentials.method == .personalAccessToken(Secret("default-token")))
    }

    /// Without DATABRICKS_CONFIG_PROFILE, `[__settings__] default_profile` comes before
    /// `[DEFAULT]`, as in the Databricks CLI and SDKs (databricks-sdk-py `databricks/sdk/config.py`
    /// `_known_file_config_loader`).
    @Test func theSettingsDefaultProfileComesBeforeDefault() throws {
        let file = try folder.write(
            "with-settings",
            """
            [__settings__]
            default_profile = ingest-sp

            [DEFAULT]
            host  = dbc-default.cloud.databricks.com
            token = default-token

            [ingest-sp]
            host          = https://adb-1111.11.azuredatabricks.net/
            client_id     = sp-id
            client_secret = sp-secret
            """
        ).path
        let credentials = try WorkspaceCredentials.resolve(DatabricksConfiguration(configFile: file))
        #expect(credentials.host.absoluteString == "https://adb-1111.11.azuredatabricks.net")
        #expect(credentials.method == .oauthMachineToMachine(clientID: "sp-id", clientSecret: Secret("sp-secret")))

        // A profile named in the environment still wins.
        let named = try WorkspaceCredentials.resolve(
            DatabricksConfiguration(profile: "DEFAULT", profileIsExplicit: true, configFile: file))
        #expect(named.method == .personalAccessToken(Secret("default-token")))
    }

    /// Problems with a profile say which profile was chosen and why: a default profile that is not
    /// in the file is an error; `[__settings__]` itself is never a profile.
    @Test func aMissingSettingsDefaultProfileIsExplained() throws {
        let file = try folder.write(
            "dangling",
            """
            [__settings__]
            default_profile = deleted-profile

            [DEFAULT]
            host  = dbc-default.cloud.databricks.com
            token = default-token
            """
        ).path
        guard case .failure(let error) = resolve(DatabricksConfiguration(configFile: file)) else {
            Issue.record("expected an error for the missing default profile")
            return
        }
        #expect(error.problems.map(\.variable) == ["DATABRICKS_CONFIG_PROFILE"])
        let message = error.problems.first?.message ?? ""
        #expect(message.contains("'deleted-profile'"))
        #expect(message.contains("[__settings__] default_profile"))
        #expect(message.contains(file))

        let hostless = try folder.write(
            "hostless",
            """
            [__settings__]
            default_profile = no-host

            [no-host]
            token = t
            """
        ).path
        guard case .failure(let noHost) = resolve(DatabricksConfiguration(configFile: hostless)) else {
            Issue.record("expected an error for the profile without a host")
            return
        }
        #expect(noHost.problems.map(\.variable) == ["DATABRICKS_HOST"])
        #expect(noHost.problems.first?.message.contains("profile 'no-host'") == true)
        #expect(noHost.problems.first?.message.contains("[__settings__] default_profile") == true)

        guard
            case .failure(let settings) = resolve(
                DatabricksConfiguration(profile: "__settings__", profileIsExplicit: true, configFile: file))
        else {
            Issue.record("[__settings__] must not be read as a profile")
            return
        }
        #expect(settings.problems.map(\.variable) == ["DATABRICKS_CONFIG_PROFILE"])
    }

    @Test func aNamedProfileGivesOAuthMachineToMachine() throws {
        let credentials = try WorkspaceCredentials.resolve(
            DatabricksConfiguration(profile: "ingest-sp", profileIsExplicit: true, configFile: try profileFile()))
        #expect(credentials.host.absoluteString == "https://adb-1111.11.azuredatabricks.net")
        #expect(credentials.method == .oauthMachineToMachine(clientID: "sp-id", clientSecret: Secret("sp-secret")))
    }

    @Test func environmentValuesOverrideTheNamedProfile() throws {
        let credentials = try WorkspaceCredentials.resolve(
            DatabricksConfiguration(
                host: URL(string: "https://override.example.com"), profile: "ingest-sp", profileIsExplicit: true,
                configFile: try profileFile()))
        #expect(credentials.host.absoluteString == "https://override.example.com")
    }

    @Test func problemsNameTheVariable() throws {
        let file = try profileFile()
        let cases: [(DatabricksConfiguration, String)] = [
            (
                DatabricksConfiguration(profile: "nope", profileIsExplicit: true, configFile: file),
                "DATABRICKS_CONFIG_PROFILE"
            ),
            (DatabricksConfiguration(token: Secret("t"), configFile: file), "DATABRICKS_HOST"),
            (
                DatabricksConfiguration(host: URL(string: "https://h"), configFile: file + ".missing"),
                "DATABRICKS_TOKEN"
            ),
            (
                DatabricksConfiguration(host: URL(string: "https://h"), clientID: "id", configFile: file),
                "DATABRICKS_CLIENT_SECRET"
            ),
        ]
        for (configuration, variable) in cases {
            guard case .failure(let error) = resolve(configuration) else {
                Issue.record("expected an error naming \(variable)")
                continue
            }
            #expect(error.problems.map(\.variable) == [variable])
        }
    }
}
