import AsyncHTTPClient
import Foundation
import HTTPSupport
import Logging
import NIOCore
import NIOHTTP1
import SyncCore

/// Sends authenticated requests to DXR with retries. Every request carries the bearer token;
/// no message, log line or error ever contains it.
struct DXRHTTPClient: Sendable {
    let transport: RetryingHTTPClient
    let endpoint: DXREndpoint
    let token: Secret

    var logger: Logger { transport.logger }

    /// Sends a request whose body (if any) `body` builds afresh for every attempt. An idempotent
    /// request (a poll, a search, a name lookup) is retried on a 500 as well. A request that
    /// `startsWork` (a job submission) is not sent at all once DXR counts as unreachable.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        timeout: Duration,
        idempotent: Bool,
        startsWork: Bool = false,
        headers: [(name: String, value: String)] = [],
        body: () async throws -> PreparedBody? = { nil }
    ) async throws -> HTTPResponseData {
        try await transport.send(
            method, path: endpoint.path(path), timeout: timeout, idempotent: idempotent, startsWork: startsWork
        ) {
            var request = HTTPClientRequest(url: endpoint.url(path))
            request.method = method
            request.headers.add(name: "Authorization", value: "Bearer \(token.revealedValue)")
            request.headers.add(name: "Accept", value: "application/json")
            for header in headers { request.headers.add(name: header.name, value: header.value) }
            guard let prepared = try await body() else { return PreparedRequest(request) }
            request.headers.add(name: "Content-Type", value: prepared.contentType)
            request.body = prepared.body
            return PreparedRequest(request, cleanup: prepared.cleanup)
        }
    }

    /// Sends a JSON body (or none) to an idempotent endpoint and decodes a JSON answer.
    func json<Body: Encodable & Sendable>(
        _ method: HTTPMethod, _ path: String, body: Body?, timeout: Duration
    ) async throws -> JSONValue {
        let encoded = try body.map { try JSONEncoder().encode($0) }
        let response = try await send(method, path, timeout: timeout, idempotent: true) {
            encoded.map { PreparedBody(body: .bytes(ByteBuffer(bytes: $0)), contentType: "application/json") }
        }
        return try response.decoded(JSONValue.self, method: method.rawValue, path: endpoint.path(path))
    }

    /// A `GET` answered with JSON.
    func get(_ path: String, timeout: Duration) async throws -> JSONValue {
        try await json(.GET, path, body: Optional<JSONValue>.none, timeout: timeout)
    }
}

/// A request body for one attempt, and what to release after it.
struct PreparedBody {
    var body: HTTPClientRequest.Body
    var contentType: String
    var cleanup: @Sendable () async -> Void = {}
}
