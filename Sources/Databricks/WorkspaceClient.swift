import AsyncHTTPClient
import Foundation
import HTTPSupport
import Logging
import NIOCore
import NIOHTTP1
import SyncCore

/// Authenticated requests to a Databricks workspace's REST API, with the shared retry policy.
package struct WorkspaceClient: Sendable {
    let transport: RetryingHTTPClient
    let host: String
    let tokens: WorkspaceTokenSource

    /// A `GET` answered with JSON. `path` is already percent-encoded.
    func getJSON(_ path: String, query: [(String, String)] = [], timeout: Duration = .seconds(60)) async throws
        -> JSONValue
    {
        try await request(.GET, path, query: query, body: nil, timeout: timeout, as: JSONValue.self)
    }

    /// A `GET` answered with JSON of a known shape.
    func get<Answer: Decodable>(_ path: String, as type: Answer.Type, timeout: Duration = .seconds(60))
        async throws -> Answer
    {
        try await request(.GET, path, query: [], body: nil, timeout: timeout, as: type)
    }

    /// A `POST` of a JSON body, answered with JSON of a known shape.
    func post<Answer: Decodable>(
        _ path: String, body: Data, as type: Answer.Type, timeout: Duration = .seconds(120)
    ) async throws -> Answer {
        try await request(.POST, path, query: [], body: body, timeout: timeout, as: type)
    }

    private func request<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)], body: Data?, timeout: Duration,
        as type: Answer.Type
    ) async throws -> Answer {
        let url = host + path + Self.queryString(query)
        let response = try await transport.send(method, path: path, timeout: timeout, idempotent: method == .GET) {
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers.add(name: "Authorization", value: try await tokens.authorization())
            request.headers.add(name: "Accept", value: "application/json")
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
            }
            return PreparedRequest(request)
        }
        return try response.decoded(type, method: method.rawValue, path: path)
    }

    /// A `GET` of a presigned URL outside the workspace (an `EXTERNAL_LINKS` result chunk), with the
    /// retry policy: WITHOUT the `Authorization` header, which such a URL must not be sent ("any
    /// associated authentication information ... must be removed when fetching from these links",
    /// Databricks' `Disposition` reference), and with the `headers` it was signed with. `name` stands
    /// for the URL in errors and logs: the URL and the headers hold a credential.
    func download(_ url: String, headers: [String: String], name: String, timeout: Duration = .seconds(300))
        async throws -> HTTPResponseData
    {
        try await transport.send(.GET, path: name, timeout: timeout, idempotent: true) {
            var request = HTTPClientRequest(url: url)
            for (header, value) in headers { request.headers.add(name: header, value: value) }
            return PreparedRequest(request)
        }
    }

    /// Starts a streamed `GET` and returns the response with its body unread.
    func stream(_ path: String, timeout: Duration) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: host + path)
        request.headers.add(name: "Authorization", value: try await tokens.authorization())
        request.headers.add(name: "Accept", value: "application/octet-stream")
        return try await transport.http.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
    }

    /// `/Volumes/a b/ç` → `/Volumes/a%20b/%C3%A7`: every segment percent-encoded as UTF-8, only
    /// RFC 3986 unreserved characters left literal.
    static func encodedPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? String(segment)
        }.joined(separator: "/")
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func queryString(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        return "?"
            + query.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: unreserved) ?? $1)" }.joined(
                separator: "&")
    }
}
