import Foundation

/// Parsers for the value formats configuration variables use. Each returns `nil` for a value it
/// does not accept; the loader turns that into a problem naming the variable.
package enum SettingParsers {
    /// `true/false/1/0/yes/no/on/off`, any case. Anything else is rejected (the playbook silently
    /// fell back to the default; we do not).
    package static func boolean(_ text: String) -> Bool? {
        switch text.trimmingBlanks().lowercased() {
        case "true", "1", "yes", "on": true
        case "false", "0", "no", "off": false
        default: nil
        }
    }

    /// A byte count: `31457280`, `30MB` (10^6), `30MiB` (2^20), `30 mb`, `1.5GiB`. Units are
    /// B, KB, MB, GB, TB (decimal) and KiB, MiB, GiB, TiB (binary), in any case.
    package static func byteSize(_ text: String) -> Int64? {
        let trimmed = text.trimmingBlanks()
        let numberPart = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = String(trimmed.dropFirst(numberPart.count)).trimmingBlanks().lowercased()
        guard !numberPart.isEmpty, let number = Double(numberPart), number.isFinite,
            let multiplier = byteUnits[unit]
        else { return nil }
        if multiplier == 1 && number != number.rounded() { return nil }
        let bytes = (number * multiplier).rounded()
        guard bytes < 9.0e18 else { return nil }
        return Int64(bytes)
    }

    private static let byteUnits: [String: Double] = [
        "": 1, "b": 1,
        "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
        "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
    ]

    /// A whole number in `range`.
    package static func integer(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = Int(text.trimmingBlanks()), range.contains(value) else { return nil }
        return value
    }

    /// A positive number of seconds, decimals allowed.
    package static func seconds(_ text: String) -> Double? {
        guard let value = Double(text.trimmingBlanks()), value.isFinite, value > 0 else { return nil }
        return value
    }

    /// An age such as `30d`, `12h` or `2w` (days, hours, weeks), in seconds.
    package static func age(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingBlanks().lowercased()
        guard let unit = trimmed.last, let count = Double(trimmed.dropLast()), count > 0, count.isFinite else {
            return nil
        }
        let seconds: [Character: Double] = ["h": 3_600, "d": 86_400, "w": 604_800]
        return seconds[unit].map { $0 * count }
    }

    /// The playbook's `DXR_API_PREFIX` rule: `v1 ` → `/v1`, `/api/` → `/api`, `/` or empty → none.
    package static func apiPrefix(_ text: String?) -> String {
        guard let text else { return "" }
        let trimmed = text.trimmingBlanks()
        if trimmed.isEmpty || trimmed == "/" { return "" }
        var prefix = trimmed.hasPrefix("/") ? trimmed : "/" + trimmed
        while prefix.hasSuffix("/") { prefix.removeLast() }
        return prefix
    }

    /// An `http` or `https` URL with a host, without a trailing `/`.
    /// An `http` or `https` URL with a host, taken as written (a webhook's path is its own).
    package static func webhookURL(_ text: String) -> URL? {
        guard let url = URL(string: text.trimmingBlanks()), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host?.isEmpty == false
        else { return nil }
        return url
    }

    package static func httpURL(_ text: String) -> URL? {
        var trimmed = text.trimmingBlanks()
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }

    /// A workspace URL as the Databricks SDKs accept it: `dbc-1.cloud.databricks.com` becomes
    /// `https://dbc-1.cloud.databricks.com`, without a trailing `/`.
    package static func workspaceURL(_ text: String) -> URL? {
        httpURL(text.contains("://") ? text : "https://" + text)
    }

    /// A SQL identifier we are willing to back-quote: letters, digits and `_`.
    package static func isPlainIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy(\.isASCIIIdentifierCharacter)
    }
}
