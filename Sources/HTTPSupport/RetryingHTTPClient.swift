import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// One attempt's request, and what to release after it.
package struct PreparedRequest {
    package var request: HTTPClientRequest
    package var cleanup: @Sendable () async -> Void

    package init(_ request: HTTPClientRequest, cleanup: @escaping @Sendable () async -> Void = {}) {
        self.request = request
        self.cleanup = cleanup
    }
}

/// Sends requests with the retry policy shared by the DXR and Databricks clients: the statuses
/// ``RetryPolicy`` names (500 only for idempotent requests) and transport failures are retried
/// with back-off, jitter and `Retry-After`; a failed TLS handshake and other statuses are final.
/// With an ``OutageBreaker``, attempts that get no HTTP answer at all are counted across every
/// request, and once the service counts as unreachable no request waits out its retries.
package struct RetryingHTTPClient: Sendable {
    package let http: HTTPClient
    package let retry: RetryPolicy
    package let logger: Logger
    /// Counts attempts without an answer across requests; `nil` retries each request on its own.
    package let breaker: OutageBreaker?

    /// Largest response body read into memory.
    package static let maxResponseBytes = 64 * 1024 * 1024

    package init(http: HTTPClient, retry: RetryPolicy, logger: Logger, breaker: OutageBreaker? = nil) {
        self.http = http
        self.retry = retry
        self.logger = logger
        self.breaker = breaker
    }

    /// Runs attempts built by `prepare` until one is final: a success, or a failure not worth
    /// retrying. Throws ``HTTPRequestError`` (named by `method` and `path`) for a final failure,
    /// and ``ServiceUnreachableError`` when the breaker is open: at once for a request that
    /// `startsWork` (it is never sent), after one attempt for any other.
    package func send(
        _ method: HTTPMethod, path: String, timeout: Duration, idempotent: Bool, startsWork: Bool = false,
        prepare: () async throws -> PreparedRequest
    ) async throws -> HTTPResponseData {
        let retryable = RetryPolicy.retryableStatuses(idempotent: idempotent)
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            if let breaker, breaker.isOpen, startsWork || attempt > 1 { throw breaker.outage }
            let prepared = try await prepare()
            let outcome: Result<HTTPResponseData, any Error>
            do {
                let response = try await http.execute(prepared.request, timeout: .nanoseconds(timeout.nanoseconds))
                let bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
                outcome = .success(
                    HTTPResponseData(status: Int(response.status.code), headers: response.headers, body: bytes))
            } catch {
                outcome = .failure(error)
            }
            await prepared.cleanup()

            let failure: HTTPRequestError
            let retryAfter: Duration?
            switch outcome {
            case .success(let response) where response.isSuccess:
                breaker?.answered()
                return response
            case .success(let response):
                breaker?.answered()
                failure = HTTPRequestError(
                    method: method.rawValue, path: path, status: response.status,
                    detail: HTTPRequestError.excerpt(response.text), attempts: attempt)
                guard retryable.contains(response.status) else { throw failure }
                retryAfter = RetryPolicy.retryAfter(response.headers.first(name: "Retry-After"))
            case .failure(let error):
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                if error is any NonRetryableError { throw error }
                failure = HTTPRequestError(
                    method: method.rawValue, path: path, status: nil,
                    detail: HTTPRequestError.excerpt(String(describing: error)), attempts: attempt,
                    isTLSFailure: error is NIOSSLError)
                if let breaker, Self.isUnanswered(error), breaker.unanswered(failure) { throw breaker.outage }
                if failure.isTLSFailure { throw failure }
                retryAfter = nil
            }
            guard attempt < retry.maxAttempts else { throw failure }
            let wait = retry.delay(afterAttempt: attempt, retryAfter: retryAfter, random: Double.random(in: 0...1))
            logger.debug(
                "retrying", metadata: ["request": "\(method) \(path)", "failure": "\(failure)", "wait": "\(wait)"])
            try await Task.sleep(for: wait)
        }
    }

    /// Whether a transport error means the service gave no answer at all, rather than a slow one
    /// (the request's deadline or a read or write timeout passing on a connection it accepted) or
    /// a busy local pool.
    static func isUnanswered(_ error: any Error) -> Bool {
        guard let error = error as? HTTPClientError else { return true }
        let slow: [HTTPClientError] = [.deadlineExceeded, .readTimeout, .writeTimeout, .getConnectionFromPoolTimeout]
        return !slow.contains(error)
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    package var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
