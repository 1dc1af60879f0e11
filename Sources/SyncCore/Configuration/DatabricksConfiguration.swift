import Foundation

/// The Databricks unified-auth settings as given; the `Databricks` module resolves them
/// (including `~/.databrickscfg` profiles) when a workspace is actually needed.
public struct DatabricksConfiguration: Sendable, Hashable {
    public var host: URL?
    public var token: Secret?
    public var clientID: String?
    public var clientSecret: Secret?
    /// `DATABRICKS_CONFIG_PROFILE`, `DEFAULT` unless set.
    public var profile: String
    /// Whether the profile was named explicitly (an unknown explicit profile is an error).
    public var profileIsExplicit: Bool
    public var warehouseID: String?
    /// `DATABRICKS_CONFIG_FILE`, `~/.databrickscfg` unless set.
    public var configFile: String

    public init(
        host: URL? = nil,
        token: Secret? = nil,
        clientID: String? = nil,
        clientSecret: Secret? = nil,
        profile: String = "DEFAULT",
        profileIsExplicit: Bool = false,
        warehouseID: String? = nil,
        configFile: String = "~/.databrickscfg"
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
