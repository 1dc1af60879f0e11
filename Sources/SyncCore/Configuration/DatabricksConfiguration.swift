import Foundation

/// The Databricks unified-auth settings as given; the `Databricks` module resolves them
/// (including `~/.databrickscfg` profiles) when a workspace is actually needed.
package struct DatabricksConfiguration: Sendable, Hashable {
    package var host: URL?
    package var token: Secret?
    package var clientID: String?
    package var clientSecret: Secret?
    /// `DATABRICKS_CONFIG_PROFILE`, `DEFAULT` unless set.
    package var profile: String
    /// Whether the profile was named explicitly (an unknown explicit profile is an error).
    package var profileIsExplicit: Bool
    package var warehouseID: String?
    /// `DATABRICKS_CONFIG_FILE`; a leading `~/` is the home folder.
    package var configFile: String

    package init(
        host: URL? = nil,
        token: Secret? = nil,
        clientID: String? = nil,
        clientSecret: Secret? = nil,
        profile: String = Settings.databricksConfigProfile.defaultValue,
        profileIsExplicit: Bool = false,
        warehouseID: String? = nil,
        configFile: String = Settings.databricksConfigFile.defaultValue
    ) {
        self.host = host
        self.token = token
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.profile = profile
        self.profileIsExplicit = profileIsExplicit
        self.warehouseID = warehouseID
        self.configFile = configFile
    }
}
