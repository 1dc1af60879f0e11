import AsyncHTTPClient
import HTTPSupport
import Logging
import NIOCore
import NIOSSL
import SyncCore

/// An open connection to DXR: the HTTP client with the configured TLS settings, shut down when
/// the scope of ``withConnection(_:token:retry:logger:_:)`` ends.
package struct DXRConnection: Sendable {
    let client: DXRHTTPClient
    let configuration: DXRConfiguration

    /// Opens a connection, runs `body`, and shuts the HTTP client down on every path.
    /// `connectTimeout` (by default `DXR_CONNECT_TIMEOUT_SECONDS`) bounds how long a connection,
    /// including a failing TLS handshake, is tried. Every request shares one ``OutageBreaker``
    /// (`DXR_MAX_UNANSWERED_REQUESTS`), so a DXR that gives no answer at all stops the run in
    /// about a minute.
    package static func withConnection<Result: Sendable>(
        _ configuration: DXRConfiguration,
        token: Secret,
        retry: RetryPolicy = .standard,
        connectTimeout: Duration? = nil,
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (DXRConnection) async throws -> Result
    ) async throws -> Result {
        let tls = try tlsConfiguration(for: configuration, logger: logger)
        var httpConfiguration = HTTPClient.Configuration(tlsConfiguration: tls)
        // The connection pool keeps retrying a refused connection or a failed handshake until this
        // timeout, so it is what one unanswered attempt costs.
        let connect = connectTimeout ?? .milliseconds(Int64(configuration.connectTimeoutSeconds * 1000))
        httpConfiguration.timeout = .init(connect: .nanoseconds(connect.nanoseconds))
        // One connection per upload in flight plus as many for polls and searches: the default of
        // 8 per host would hold DXR_MAX_CONCURRENT_JOBS above 8 back to 8 uploads at a time.
        httpConfiguration.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, 2 * configuration.maxConcurrentJobs))
        return try await withHTTPClient(configuration: httpConfiguration) { http in
            let endpoint = DXREndpoint(baseURL: configuration.baseURL, apiPrefix: configuration.apiPrefix)
            let breaker = OutageBreaker(
                threshold: configuration.maxUnansweredRequests, service: "DXR at \(endpoint.displayBase)")
            let connection = DXRConnection(
                client: DXRHTTPClient(
                    transport: RetryingHTTPClient(http: http, retry: retry, logger: logger, breaker: breaker),
                    endpoint: endpoint, token: token),
                configuration: configuration)
            return try await body(connection)
        }
    }

    /// The classifier for this connection.
    package func classifier(pageSize: Int = 100) -> DXRClassifier {
        DXRClassifier(client: client, configuration: configuration, pageSize: pageSize)
    }

    /// Verification on by default; `DXR_CA_BUNDLE_PATH` adds trust roots; `DXR_VERIFY_SSL=false`
    /// turns verification off with a warning.
    static func tlsConfiguration(for configuration: DXRConfiguration, logger: Logger) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caBundlePath = configuration.caBundlePath {
            tls.additionalTrustRoots = [.file(caBundlePath)]
        }
        if !configuration.verifyTLS {
            tls.certificateVerification = .none
            logger.warning("DXR_VERIFY_SSL=false: the DXR server's TLS certificate is not verified")
        }
        return tls
    }
}
