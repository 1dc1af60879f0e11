import AsyncHTTPClient
import Foundation
import HTTPSupport
import NIOCore
import NIOHTTP1
import SyncCore

/// The `Authorization` header for workspace requests: the personal access token, or an OAuth
/// token fetched from `{host}/oidc/v1/token` and refreshed a minute before it expires.
actor WorkspaceTokenSource {
    private let credentials: WorkspaceCredentials
    private let transport: RetryingHTTPClient
    private var cached: (token: Secret, refreshAfter: ContinuousClock.Instant)?

    init(credentials: WorkspaceCredentials, transport: RetryingHTTPClient) {
        self.credentials = credentials
        self.transport = transport
    }

    func authorization() async throws -> String {
        switch credentials.method {
        case .personalAccessToken(let token):
            return "Bearer \(token.revealedValue)"
        case .oauthMachineToMachine(let clientID, let clientSecret):
            if let cached, ContinuousClock.now < cached.refreshAfter { return "Bearer \(cached.token.revealedValue)" }
            let token = try await fetch(clientID: clientID, clientSecret: clientSecret)
            return "Bearer \(token.revealedValue)"
        }
    }

    private func fetch(clientID: String, clientSecret: Secret) async throws -> Secret {
        let url = credentials.host.absoluteString + "/oidc/v1/token"
        let basic = Data("\(clientID):\(clientSecret.revealedValue)".utf8).base64EncodedString()
        let response: HTTPResponseData
        do {
            response = try await transport.send(.POST, path: "/oidc/v1/token", timeout: .seconds(60), idempotent: false)
            {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Basic \(basic)")
                request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                request.body = .bytes(ByteBuffer(string: "grant_type=client_credentials&scope=all-apis"))
                return PreparedRequest(request)
            }
        } catch let error as HTTPRequestError where error.status == 400 || error.status == 401 || error.status == 403 {
            throw WorkspaceError(
                "the workspace rejected the OAuth client (HTTP \(error.status ?? 0) on POST /oidc/v1/token); "
                    + "check DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET")
        }
        let json = try? JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
        guard let token = json?["access_token"]?.text else {
            throw WorkspaceError("the OAuth token answer has no access_token")
        }
        let lifetime = max(30, Int(json?["expires_in"]?.integer ?? 3600) - 60)
        cached = (Secret(token), ContinuousClock.now + .seconds(lifetime))
        return Secret(token)
    }
}

/// A workspace problem that stops the run, with what to check; never holds a secret.
package struct WorkspaceError: RunFailure, Sendable {
    package var message: String
    package var kind: FailureKind

    package init(_ message: String, kind: FailureKind = .fatal) {
        self.message = message
        self.kind = kind
    }

    package var description: String { message }
}
