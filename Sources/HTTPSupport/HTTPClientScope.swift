import AsyncHTTPClient

/// Creates an HTTP client, runs `body` with it, and shuts the client down on every path.
package func withHTTPClient<Result: Sendable>(
    configuration: HTTPClient.Configuration,
    isolation: isolated (any Actor)? = #isolation,
    _ body: (HTTPClient) async throws -> Result
) async throws -> Result {
    let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    let result: Swift.Result<Result, any Error>
    do {
        result = .success(try await body(http))
    } catch {
        result = .failure(error)
    }
    try? await http.shutdown()
    return try result.get()
}
