import Foundation
import HTTPSupport
import SyncCore

extension WorkspaceClient {
    /// Reads a secret through `GET /api/2.0/secrets/get` (the value is base64). A failure names
    /// the scope, the key and the HTTP status, never a value.
    package func secret(scope: String, key: String) async throws -> Secret {
        let json: JSONValue
        do {
            json = try await getJSON("/api/2.0/secrets/get", query: [("scope", scope), ("key", key)])
        } catch let error as HTTPRequestError {
            throw WorkspaceError(
                "cannot read Databricks secret \(scope)/\(key) (DXR_SECRET_SCOPE / DXR_SECRET_KEY): "
                    + (error.status.map { "HTTP \($0)" } ?? "no response") + ": \(error.detail)")
        }
        guard let encoded = json["value"]?.text, let data = Data(base64Encoded: encoded) else {
            throw WorkspaceError("Databricks secret \(scope)/\(key) has no base64 value")
        }
        return Secret(String(decoding: data, as: UTF8.self).trimmingBlanks())
    }
}
