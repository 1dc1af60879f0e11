import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Posts one JSON document to a URL with its own short-lived client (a notification: a webhook).
/// Failures name the request by `label`, never by the URL, which may hold a credential.
package enum JSONPost {
    package static func send(
        _ body: Data, to url: String, label: String, timeout: Duration = .seconds(15),
        retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(1), maxDelay: .seconds(10)),
        logger: Logger
    ) async throws {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10))
        try await withHTTPClient(configuration: configuration) { http in
            _ = try await RetryingHTTPClient(http: http, retry: retry, logger: logger).send(
                .POST, path: label, timeout: timeout, idempotent: false
            ) {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
                return PreparedRequest(request)
            }
        }
    }
}
