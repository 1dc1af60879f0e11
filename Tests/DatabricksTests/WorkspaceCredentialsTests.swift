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
