/// An HTTP request that did not succeed: names the method, path, status and a short body excerpt.
/// Credentials never appear in it.
package struct HTTPRequestError: Error, Sendable, CustomStringConvertible {
    package var method: String
    package var path: String
    /// The HTTP status, or `nil` when no response arrived.
    package var status: Int?
    /// The first 512 characters of the response body, or the transport error.
    package var detail: String
    /// How many attempts were made.
    package var attempts: Int
    /// The TLS handshake failed (certificate not trusted, wrong host name): retrying cannot help.
    package var isTLSFailure: Bool

    package init(method: String, path: String, status: Int?, detail: String, attempts: Int, isTLSFailure: Bool = false)
    {
        self.method = method
        self.path = path
        self.status = status
        self.detail = detail
        self.attempts = attempts
        self.isTLSFailure = isTLSFailure
    }

    /// The token was rejected: no further request can succeed.
    package var isAuthenticationFailure: Bool { status == 401 || status == 403 }

    package var description: String {
        let outcome = status.map { "HTTP \($0)" } ?? "no response"
        let tries = attempts > 1 ? " after \(attempts) attempts" : ""
        let excerpt = detail.isEmpty ? "" : ": \(detail)"
        return "\(method) \(path) failed with \(outcome)\(tries)\(excerpt)"
    }

    /// Shortens a response body for messages.
    package static func excerpt(_ text: String, limit: Int = 512) -> String {
        let flattened = text.replacing("\n", with: " ").replacing("\r", with: " ")
        return flattened.count > limit ? String(flattened.prefix(limit)) + "…" : flattened
    }
}
