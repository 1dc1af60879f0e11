import Hummingbird
import SyncCore

/// Checks the bearer token (refused once revoked by fault injection), then applies request latency
/// and injected 429/503 answers.
struct EmulatorMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: EmulatorStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let configuration = store.configuration
        guard request.headers[.authorization] == "Bearer \(configuration.token)", await !store.tokenRevoked else {
            return EmulatorResponses.json(
                .unauthorized, ["error": .string("Unauthorized: missing or invalid bearer token")])
        }
        if configuration.faults.requestLatency > .zero {
            try await Task.sleep(for: configuration.faults.requestLatency)
        }
        if let status = await store.injectedError() {
            var response = EmulatorResponses.json(
                HTTPResponse.Status(code: status),
                ["error": .string(status == 429 ? "Too Many Requests" : "Service Unavailable")])
            response.headers[.retryAfter] = String(configuration.faults.retryAfterSeconds)
            return response
        }
        return try await next(request, context)
    }
}
