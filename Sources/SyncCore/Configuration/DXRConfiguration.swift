import Foundation

/// Where the DXR API token comes from.
public enum DXRTokenSource: Sendable, Hashable, CustomStringConvertible {
    /// `DXR_API_TOKEN`.
    case direct(Secret)
    /// `DXR_SECRET_SCOPE` / `DXR_SECRET_KEY`, read through the Databricks Secrets API.
    case databricksSecret(scope: String, key: String)

    public var description: String {
        switch self {
        case .direct: "DXR_API_TOKEN"
        case .databricksSecret(let scope, let key): "Databricks secret \(scope)/\(key)"
        }
    }
}

/// How to reach the DXR On-Demand Classifier.
public struct DXRConfiguration: Sendable, Hashable {
    /// `DXR_BASE_URL` without a trailing `/`.
    public var baseURL: URL
    /// `DXR_API_PREFIX`, normalised (`/api`, `/v1` or empty).
    public var apiPrefix: String
    /// ODC datasource ids; jobs go round-robin over them.
    public var datasourceIDs: [String]
    /// The API token or where to read it.
    public var token: DXRTokenSource
    /// The longest wait between two polls of one job.
    public var pollIntervalSeconds: Double
    /// Jobs in flight at once across all datasources.
    public var maxConcurrentJobs: Int
    /// Give up on a job after this many seconds.
    public var jobTimeoutSeconds: Double
    /// Verify the server certificate.
    public var verifyTLS: Bool
    /// Extra trusted certificates (PEM).
    public var caBundlePath: String?

    public init(
        baseURL: URL,
        apiPrefix: String = "/api",
        datasourceIDs: [String],
        token: DXRTokenSource,
        pollIntervalSeconds: Double = 10,
        maxConcurrentJobs: Int = 4,
        jobTimeoutSeconds: Double = 3600,
        verifyTLS: Bool = true,
        caBundlePath: String? = nil
    ) {
        self.baseURL = baseURL
        self.apiPrefix = apiPrefix
        self.datasourceIDs = datasourceIDs
        self.token = token
        self.pollIntervalSeconds = pollIntervalSeconds
        self.maxConcurrentJobs = maxConcurrentJobs
        self.jobTimeoutSeconds = jobTimeoutSeconds
        self.verifyTLS = verifyTLS
        self.caBundlePath = caBundlePath
    }
}
