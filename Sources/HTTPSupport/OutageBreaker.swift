import Synchronization

/// Notices when a service stops answering at all, so a run stops in about a minute instead of
/// waiting out every retry of every request (connect timeouts × attempts × jobs: hours for a large
/// run against a wrong URL).
///
/// Every attempt of every request through one ``RetryingHTTPClient`` reports here. An HTTP answer
/// of any status closes the breaker; `threshold` attempts in a row that got no HTTP answer at all
/// (connection refused, DNS or TLS failure, connect timeout, connection closed before an answer)
/// open it. While it is open, a request that would start new work is refused without being sent,
/// and any other request (a poll of a job the service already accepted) gets one attempt, no
/// retries. A slow answer (the request's own deadline passing) is not counted: the service is
/// there.
package final class OutageBreaker: Sendable {
    /// Attempts without an answer, in a row, that open the breaker.
    package let threshold: Int
    /// The service as messages name it, for example `DXR at https://dxr.example.com`.
    package let service: String
    private let state = Mutex(State())

    private struct State {
        var unanswered = 0
        var firstUnansweredAt: ContinuousClock.Instant?
        var lastFailure: String?
    }

    package init(threshold: Int, service: String) {
        self.threshold = max(1, threshold)
        self.service = service
    }

    /// Whether the service counts as unreachable now.
    package var isOpen: Bool { state.withLock { $0.unanswered >= threshold } }

    /// An attempt got an HTTP answer (any status): the service is there.
    package func answered() {
        state.withLock { $0 = State() }
    }

    /// An attempt got no HTTP answer; returns whether the breaker is open now.
    package func unanswered(_ failure: HTTPRequestError) -> Bool {
        state.withLock { state in
            state.unanswered += 1
            state.firstUnansweredAt = state.firstUnansweredAt ?? .now
            state.lastFailure = failure.detail
            return state.unanswered >= threshold
        }
    }

    /// The error requests get while the breaker is open.
    package var outage: ServiceUnreachableError {
        state.withLock { state in
            ServiceUnreachableError(
                service: service, unansweredAttempts: state.unanswered,
                since: state.firstUnansweredAt.map { ContinuousClock.now - $0 } ?? .zero,
                cause: state.lastFailure ?? "no answer")
        }
    }
}

/// A service gave no HTTP answer to several attempts in a row (``OutageBreaker``).
package struct ServiceUnreachableError: Error, Sendable, CustomStringConvertible {
    /// The service, for example `DXR at https://dxr.example.com`.
    package var service: String
    /// Attempts in a row without an answer.
    package var unansweredAttempts: Int
    /// How long ago the first of them failed.
    package var since: Duration
    /// The last transport error, as the HTTP client said it.
    package var cause: String

    package var description: String {
        let seconds = Int(since.components.seconds)
        return
            "\(service) gave no HTTP answer to \(unansweredAttempts) requests in a row over \(seconds) s; the last: \(cause)"
    }
}
