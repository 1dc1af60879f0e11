import Foundation
import HTTPSupport
import NIOCore
import NIOHTTP1
import SyncCore

extension DXRConnection {
    /// `doctor`'s DXR checks, with the calls a run makes and nothing uploaded: DXR answers (TLS
    /// included), the token is accepted and each datasource exists and takes On-Demand Classifier
    /// jobs (`GET {prefix}/datasources/{id}`), and its rules can be read. A check that cannot run
    /// because an earlier one failed is left out, so the first problem is the one named.
    package func doctorChecks() async -> [DoctorCheck] {
        let base = client.endpoint.displayBase
        let answers = DoctorCheck.ok("dxr.reachable", "DXR at \(base) answers")
        var datasources: [DoctorCheck] = []
        for datasource in configuration.datasourceIDs {
            let path = "/datasources/\(DXREndpoint.segment(datasource))"
            do {
                let response = try await client.send(
                    .GET, path, timeout: .seconds(30), idempotent: true, headers: [("api-version", "V3")])
                datasources.append(Self.datasourceCheck(datasource, response.decodedJSON))
            } catch let error as HTTPRequestError where error.status == 404 {
                datasources.append(
                    .failed(
                        "dxr.datasource", "DXR has no datasource \(datasource) (HTTP 404 on GET \(error.path))",
                        advice: "check DXR_DATASOURCE_ID names On-Demand Classifier datasources, and DXR_API_PREFIX"))
            } catch let error as ServiceUnreachableError {
                return [Self.unreachable(error.description, base: base)]
            } catch let error as HTTPRequestError where error.status == nil {
                return [
                    Self.unreachable(
                        "DXR at \(base) gave no HTTP answer to GET \(error.path) (\(error.attempts) attempts; the last: "
                            + "\(error.detail))", base: base, tls: error.isTLSFailure)
                ]
            } catch let error as HTTPRequestError where error.isAuthenticationFailure {
                return [
                    answers,
                    .failed(
                        "dxr.token", "DXR refused the API token (HTTP \(error.status ?? 0) on GET \(error.path))",
                        advice: "check DXR_API_TOKEN or the secret DXR_SECRET_SCOPE/DXR_SECRET_KEY names"),
                ]
            } catch {
                return [
                    .failed(
                        "dxr.reachable", "GET \(client.endpoint.path(path)) at \(base) failed: \(error)",
                        advice: "check DXR_BASE_URL and DXR_API_PREFIX", kind: .fatal)
                ]
            }
        }
        var checks = [answers, .ok("dxr.token", "DXR accepts the API token (\(configuration.token))")] + datasources
        guard !checks.contains(where: { $0.result == .failed }) else { return checks }
        if let fingerprint = await ClassifierFingerprint(client: client).read() {
            checks.append(.ok("dxr.rules", "DXR lists its labels and detectors (fingerprint \(fingerprint))"))
        } else {
            checks.append(
                .warning(
                    "dxr.rules", "DXR does not list its labels and detectors to this token",
                    advice: "files are not re-scanned when DXR's rules change; a newer DXR or a token that may read "
                        + "its classifications lists them"))
        }
        return checks
    }

    private static func unreachable(_ detail: String, base: String, tls: Bool = false) -> DoctorCheck {
        .failed(
            "dxr.reachable", detail,
            advice: tls
                ? "the TLS handshake failed: set DXR_CA_BUNDLE_PATH to the PEM of DXR's certificate authority, or "
                    + "DXR_VERIFY_SSL=false to skip verification"
                : "check DXR_BASE_URL (\(base)), that DXR is up, and the network path from here (DNS, proxy, firewall)",
            kind: .fatal)
    }

    /// The datasource must be an On-Demand Classifier datasource: connector type 21, or a type
    /// name that says so; a datasource that names no type is taken as it is.
    private static func datasourceCheck(_ id: String, _ answer: JSONValue?) -> DoctorCheck {
        let typeID = answer?["datasourceConnectorTypeId"]?.integer
        let typeName = answer?["datasourceConnectorTypeName"]?.text
        let name = answer?["name"]?.text.map { " (\($0))" } ?? ""
        let isODC = typeID == 21 || typeName?.lowercased().contains("on-demand") == true
        if isODC || (typeID == nil && typeName == nil) {
            return .ok("dxr.datasource", "datasource \(id)\(name) takes On-Demand Classifier jobs")
        }
        return .failed(
            "dxr.datasource",
            "datasource \(id)\(name) is a \(typeName ?? "type \(typeID ?? 0)") datasource, not an On-Demand Classifier",
            advice: "set DXR_DATASOURCE_ID to an On-Demand Classifier datasource")
    }
}

extension HTTPResponseData {
    /// The body as JSON, or `nil` when it is not JSON.
    var decodedJSON: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) }
}
