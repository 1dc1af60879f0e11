import Crypto
import HTTPSupport
import Logging
import SyncCore

/// Reads what DXR's verdicts depend on and hashes it into a fingerprint: the label and detector
/// catalogue with each entry's update time. `GET {prefix}/v1/classifications` (DXR's public API)
/// first; on an older DXR the tag and data-class lists. A DXR that has neither gives one warning
/// and no fingerprint, never a failure.
struct ClassifierFingerprint {
    let client: DXRHTTPClient

    func read() async -> String? {
        do {
            return Self.hash(try await entries("/v1/classifications", kind: nil))
        } catch let error as HTTPRequestError where error.status == nil {
            // No answer at all (DXR down, a wrong DXR_BASE_URL): the older lists would only wait
            // out the same retries twice more.
            client.logger.warning(
                "DXR's rules could not be read (\(error)); files are not re-scanned when its rules change")
            return nil
        } catch {
            // An answer that is not the catalogue (a 404 on an older DXR): try the older lists.
        }
        if let labels = try? await entries("/tags", kind: "LABEL"),
            let detectors = try? await entries("/data-classes", kind: "ANNOTATOR")
        {
            return Self.hash(labels + detectors)
        }
        let path = client.endpoint.path("/v1/classifications")
        client.logger.warning(
            "DXR does not list its labels and detectors (GET \(path) and the older tag and data-class lists failed); files are not re-scanned when its rules change"
        )
        return nil
    }

    /// One line per catalogue entry: id, type, name and update time.
    private func entries(_ path: String, kind: String?) async throws -> [String] {
        let answer = try await client.get(path, timeout: .seconds(60))
        let items: [JSONValue]
        if case .array(let list)? = answer["data"] {
            items = list
        } else if case .array(let list) = answer {
            items = list
        } else {
            throw UnexpectedCatalogue()
        }
        return items.map { item in
            [
                item["id"]?.text ?? "", kind ?? item["type"]?.text ?? "", item["name"]?.text ?? "",
                item["updatedAt"]?.text ?? item["updated_at"]?.text ?? "",
            ].joined(separator: "|")
        }
    }

    /// The SHA-256 of the sorted lines, hex, with the number of entries in front for people.
    static func hash(_ entries: [String]) -> String {
        let digest = SHA256.hash(data: Array(entries.sorted().joined(separator: "\n").utf8))
        return "\(entries.count)-" + ContentHash.hex(digest.prefix(12))
    }

    /// An answer that is not a list of catalogue entries.
    private struct UnexpectedCatalogue: Error {}
}
