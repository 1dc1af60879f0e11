import Logging
import SyncCore

/// Resolves label (tag) and annotator (data class) ids to names through DXR, cached for the run.
/// A failed lookup keeps the id as the name and warns once per kind.
actor NameResolver {
    enum Kind: String, Sendable {
        case label
        case annotator

        var path: String { self == .label ? "/tags/" : "/data-classes/" }
    }

    private let client: DXRHTTPClient
    private var cache: [String: String] = [:]
    private var warned: Set<Kind> = []

    init(client: DXRHTTPClient) { self.client = client }

    func name(of kind: Kind, id: String) async -> String {
        let key = "\(kind.rawValue):\(id)"
        if let cached = cache[key] { return cached }
        let name: String
        do {
            let json = try await client.get(kind.path + DXREndpoint.segment(id), timeout: .seconds(30))
            name = json["name"]?.text ?? id
        } catch {
            if !warned.contains(kind) {
                warned.insert(kind)
                client.logger.warning(
                    "cannot resolve \(kind.rawValue) names; keeping ids",
                    metadata: ["id": "\(id)", "error": "\(error)"])
            }
            name = id
        }
        cache[key] = name
        return name
    }
}
