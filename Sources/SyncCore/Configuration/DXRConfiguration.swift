import Foundation

/// Where the DXR API token comes from.
package enum DXRTokenSource: Sendable, Hashable, CustomStringConvertible {
    /// `DXR_API_TOKEN`.
    case direct(Secret)
    /// `DXR_SECRET_SCOPE` / `DXR_SECRET_KEY`, read through the Databricks Secrets API.
    case databricksSecret(scope: String, key: String)
    /// `DXR_SECRET_SCOPE` / `DXR_SECRET_KEY` on a cluster under `run_dxrsync.py`: read with the
    /// job's `dbutils` through the wrapper's socket (`DXRSYNC_SPARK_SOCKET`), as the playbook did.
    case clusterSecret(scope: String, key: String, socketPath: String)

    package var description: String {
        switch self {
        case .direct: "DXR_API_TOKEN"
        case .databricksSecret(let scope, let key): "Databricks secret \(scope)/\(key)"
        case .clusterSecret(let scope, let key, _): "Databricks secret \(scope)/\(key) (dbutils)"
        }
    }
}

/// How to reach the DXR On-Demand Classifier.
package struct DXRConfiguration: Sendable, Hashable {
    /// `DXR_BASE_URL` without a trailing `/`.
    package var baseURL: URL
    /// `DXR_API_PREFIX`, normalised (`/api`, `/v1` or empty).
    package var apiPrefix: String
    /// ODC datasource ids; jobs go round-robin over them.
    package var datasourceIDs: [String]
    /// The API token or where to read it.
    package var token: DXRTokenSource
    /// The longest wait between two polls of one job.
    package var pollIntervalSeconds: Double
    /// Jobs in flight at once across all datasources.
    package var maxConcurrentJobs: Int
    /// Give up on a job after this many seconds.
    package var jobTimeoutSeconds: Double
    /// Times the files a `FAILED` job did not return are sent again in a new job.
    package var jobRetries: Int
    /// How long one connection is tried before the attempt counts as unanswered.
    package var connectTimeoutSeconds: Double
    /// Attempts in a row without an HTTP answer after which DXR counts as unreachable.
    package var maxUnansweredRequests: Int
    /// Verify the server certificate.
    package var verifyTLS: Bool
    /// Extra trusted certificates (PEM).
    package var caBundlePath: String?

    package init(
        baseURL: URL,
        apiPrefix: String = Settings.dxrAPIPrefix.defaultValue,
        datasourceIDs: [String],
        token: DXRTokenSource,
        pollIntervalSeconds: Double = Settings.pollInterval.defaultValue,
        maxConcurrentJobs: Int = Settings.maxConcurrentJobs.defaultValue,
        jobTimeoutSeconds: Double = Settings.jobTimeout.defaultValue,
        jobRetries: Int = Settings.jobRetries.defaultValue,
        connectTimeoutSeconds: Double = Settings.connectTimeout.defaultValue,
        maxUnansweredRequests: Int = Settings.maxUnansweredRequests.defaultValue,
        verifyTLS: Bool = Settings.verifySSL.defaultValue,
        caBundlePath: String? = nil
    ) {
        self.baseURL = baseURL
        self.apiPrefix = apiPrefix
        self.datasourceIDs = datasourceIDs
        self.token = token
        self.pollIntervalSeconds = pollIntervalSeconds
        self.maxConcurrentJobs = maxConcurrentJobs
        self.jobTimeoutSeconds = jobTimeoutSeconds
        self.jobRetries = jobRetries
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.maxUnansweredRequests = maxUnansweredRequests
        self.verifyTLS = verifyTLS
        self.caBundlePath = caBundlePath
    }
}
