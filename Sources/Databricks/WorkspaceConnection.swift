import AsyncHTTPClient
import Foundation
import HTTPSupport
import Logging
import SyncCore

/// An open connection to a workspace, shut down when the scope of
/// ``withConnection(_:retry:logger:isolation:_:)`` ends.
package enum WorkspaceConnection {
    /// Resolves the credentials (a ``ConfigurationError`` when they are missing), opens an HTTP
    /// client, runs `body`, and shuts the client down on every path.
    package static func withConnection<Result: Sendable>(
        _ configuration: DatabricksConfiguration,
        retry: RetryPolicy = .standard,
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (WorkspaceClient) async throws -> Result
    ) async throws -> Result {
        let credentials = try WorkspaceCredentials.resolve(configuration)
        return try await withHTTPClient(configuration: .init()) { http in
            let transport = RetryingHTTPClient(http: http, retry: retry, logger: logger)
            let client = WorkspaceClient(
                transport: transport, host: credentials.host.absoluteString,
                tokens: WorkspaceTokenSource(credentials: credentials, transport: transport))
            return try await body(client)
        }
    }
}
