import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import SyncCore

/// Sends authenticated requests to DXR with retries. Every request carries the bearer token;
/// no message, log line or error ever contains it.
struct DXRHTTPClient: Sendable {
    let http: HTTPClient
    let endpoint: DXREndpoint
    let token: Secret
    let retry: RetryPolicy
    let logger: Logger

    /// Largest response body read into memory.
    static let maxResponseBytes = 64 * 1024 * 1024

    /// Runs `attempt` until it yields a response that is final: a success, or a status or error
    /// that is not worth retrying. Throws ``DXRRequestError`` for a final failure.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        timeout: Duration,
        body: () async throws -> PreparedBody? = { nil }
    ) async throws -> DXRResponse {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            var request = HTTPClientRequest(url: endpoint.url(path))
            request.method = method
            request.headers.add(name: "Authorization", value: "Bearer \(token.revealedValue)")
            request.headers.add(name: "Accept", value: "application/json")
            let prepared = try await body()
            if let prepared {
                request.headers.add(name: "Content-Type", value: prepared.contentType)
                request.body = prepared.body
            }
            let outcome: Result<DXRResponse, any Error>
            do {
                let response = try await http.execute(request, timeout: TimeAmount.nanoseconds(timeout.nanoseconds))
                let bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
                outcome = .success(
                    DXRResponse(status: Int(response.status.code), headers: response.headers, body: bytes))
            } catch {
                outcome = .failure(error)
            }
            await prepared?.cleanup()

            switch outcome {
            case .success(let response) where response.isSuccess:
                return response
            case .success(let response):
                let failure = DXRRequestError(
                    method: method.rawValue, path: endpoint.path(path), status: response.status,
                    detail: DXRRequestError.excerpt(response.text), attempts: attempt)
                guard RetryPolicy.isRetryable(status: response.status), attempt < retry.maxAttempts else {
                    throw failure
                }
                let wait = retry.delay(
                    afterAttempt: attempt,
                    retryAfter: RetryPolicy.retryAfter(response.headers.first(name: "Retry-After")),
                    random: Double.random(in: 0...1))
                logger.debug(
                    "retrying after HTTP status",
                    metadata: [
                        "request": "\(method) \(endpoint.path(path))", "status": "\(response.status)",
                        "wait": "\(wait)",
                    ])
                try await Task.sleep(for: wait)
            case .failure(let error):
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                if error is FileAccessError { throw error }
                let isTLSFailure = error is NIOSSLError
                let failure = DXRRequestError(
                    method: method.rawValue, path: endpoint.path(path), status: nil,
                    detail: DXRRequestError.excerpt(String(describing: error)), attempts: attempt,
                    isTLSFailure: isTLSFailure)
                guard attempt < retry.maxAttempts, !isTLSFailure else { throw failure }
                let wait = retry.delay(afterAttempt: attempt, retryAfter: nil, random: Double.random(in: 0...1))
                logger.debug(
                    "retrying after transport error",
                    metadata: ["request": "\(method) \(endpoint.path(path))", "error": "\(error)"])
                try await Task.sleep(for: wait)
            }
        }
    }

    /// Sends a JSON body (or none) and decodes a JSON answer.
    func json<Body: Encodable & Sendable>(
        _ method: HTTPMethod, _ path: String, body: Body?, timeout: Duration
    ) async throws -> JSONValue {
        let encoded = try body.map { try JSONEncoder().encode($0) }
        let response = try await send(method, path, timeout: timeout) {
            encoded.map { PreparedBody(body: .bytes(ByteBuffer(bytes: $0)), contentType: "application/json") }
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
        } catch {
            throw DXRRequestError(
                method: method.rawValue, path: endpoint.path(path), status: response.status,
                detail: "the answer is not JSON: " + DXRRequestError.excerpt(response.text, limit: 200), attempts: 1)
        }
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

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
