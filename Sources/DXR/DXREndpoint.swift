import Foundation
import SyncCore

/// Builds DXR URLs the playbook's way: `DXR_BASE_URL` + `DXR_API_PREFIX` + path. A base URL that
/// already ends in the prefix (`https://dxr/api` with prefix `/api`) is not doubled.
package struct DXREndpoint: Sendable, Hashable {
    /// The base URL without a trailing `/` and without the prefix.
    package let base: String
    /// The normalised prefix (`/api`, `/v1` or empty).
    package let prefix: String

    package init(baseURL: URL, apiPrefix: String) {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        if !apiPrefix.isEmpty && base.lowercased().hasSuffix(apiPrefix.lowercased()) {
            base.removeLast(apiPrefix.count)
        }
        self.base = base
        self.prefix = apiPrefix
    }

    /// The base URL as messages show it: without a user name or password, should it carry one.
    package var displayBase: String {
        guard var parts = URLComponents(string: base), parts.user != nil || parts.password != nil else { return base }
        parts.user = nil
        parts.password = nil
        return parts.string ?? base
    }

    /// The API path (prefix + `path`), as shown in error messages.
    package func path(_ path: String) -> String { prefix + path }

    /// The full URL of `path` (which starts with `/`).
    package func url(_ path: String) -> String { base + prefix + path }

    /// A path segment percent-encoded for use inside a URL path.
    static func segment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? value
    }
}
