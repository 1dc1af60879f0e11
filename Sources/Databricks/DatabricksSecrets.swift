import Foundation
import HTTPSupport
import SyncCore

extension WorkspaceClient {
    /// Reads a secret through `GET /api/2.0/secrets/get` (the value is base64). A failure names
    /// the scope, the key and the HTTP status, never a value. Databricks documents this call as
    /// callable "only from the DBUtils interface" (it may answer `BAD_REQUEST` outside a notebook
    /// or job), so a 400 says how to pass the token instead.
    package func secret(scope: String, key: String) async throws -> Secret {
        let json: JSONValue
        do {
            json = try await getJSON("/api/2.0/secrets/get", query: [("scope", scope), ("key", key)])
        } catch let error as HTTPRequestError where error.status == 400 {
            throw WorkspaceError(
                "the workspace refused to read the Databricks secret \(scope)/\(key) through the REST API (HTTP 400: "
                    + "\(error.detail)); Databricks allows it only from DBUtils. Run dxrsync through run_dxrsync.py on "
                    + "a cluster (it reads the secret with dbutils), or set DXR_API_TOKEN, for example to the "
                    + "reference {{secrets/\(scope)/\(key)}} in the job cluster's environment variables",
                kind: .configuration)
        } catch let error as HTTPRequestError {
            // A scope or key that is not there, or not readable by this identity, is the
            // configuration's problem (exit 2); a workspace that does not answer is not.
            let answered = error.status.map { (400..<500).contains($0) } ?? false
            throw WorkspaceError(
                "cannot read Databricks secret \(scope)/\(key) (DXR_SECRET_SCOPE / DXR_SECRET_KEY): "
                    + (error.status.map { "HTTP \($0)" } ?? "no response") + ": \(error.detail)",
                kind: answered ? .configuration : .fatal)
        }
        guard let encoded = json["value"]?.text, let data = Data(base64Encoded: encoded) else {
            throw WorkspaceError("Databricks secret \(scope)/\(key) has no base64 value")
        }
        return Secret(String(decoding: data, as: UTF8.self).trimmingBlanks())
    }
}
