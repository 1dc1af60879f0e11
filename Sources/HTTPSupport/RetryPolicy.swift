import Foundation

/// When and how long to wait before retrying a request: 429, 502, 503, 504 and connection
/// failures are retried with exponential back-off and full jitter, honouring `Retry-After`, and a
/// 500 too when the request is idempotent (a poll, a search: every Ohalo client retries 5xx);
/// other statuses (400, 401, 403, 404, …) are never retried.
package struct RetryPolicy: Sendable {
    /// Attempts in total, including the first.
    package var maxAttempts: Int
    /// The first back-off.
    package var baseDelay: Duration
    /// No wait is longer than this, `Retry-After` included.
    package var maxDelay: Duration

    /// Six attempts, 0.5 s doubling up to 30 s.
    package static let standard = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(500), maxDelay: .seconds(30))

    package init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Statuses worth another attempt of any request.
    package static let transientStatuses: Set<Int> = [429, 502, 503, 504]

    /// Statuses worth another attempt of a request that may safely run twice.
    package static let idempotentStatuses: Set<Int> = transientStatuses.union([500])

    /// The statuses to retry for a request that is, or is not, idempotent.
    package static func retryableStatuses(idempotent: Bool) -> Set<Int> {
        idempotent ? idempotentStatuses : transientStatuses
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1). `retryAfter` wins when given;
    /// otherwise a random point in `0...baseDelay * 2^(attempt-1)`, at most `maxDelay`.
    package func delay(afterAttempt attempt: Int, retryAfter: Duration?, random: Double) -> Duration {
        if let retryAfter { return min(retryAfter, maxDelay) }
        let ceiling = min(baseDelay * Int(1 << min(attempt - 1, 20)), maxDelay)
        return ceiling * max(0, min(1, random))
    }

    /// Parses a `Retry-After` header given in seconds.
    package static func retryAfter(_ header: String?) -> Duration? {
        guard let header, let seconds = Double(header.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
            return nil
        }
        return .milliseconds(Int64(seconds * 1000))
    }
}
