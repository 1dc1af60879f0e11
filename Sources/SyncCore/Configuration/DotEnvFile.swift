import Foundation

/// Reads `.env` files: `KEY=value` lines, `#` comments, optional `export `, and single- or
/// double-quoted values. Values from a `.env` file never override the real environment; that is
/// the caller's job through ``ConfigurationSources``.
package enum DotEnvFile {
    /// Parses the text of a `.env` file. Lines that are not assignments are ignored.
    package static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            var line = String(rawLine).trimmingBlanks()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingBlanks() }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingBlanks()
            guard !key.isEmpty, key.unicodeScalars.allSatisfy(\.isASCIIIdentifierCharacter) else { continue }
            values[key] = unquoted(String(line[line.index(after: equals)...]).trimmingBlanks())
        }
        return values
    }

    /// Reads and parses the file at `path`; a missing or unreadable file yields no values.
    package static func load(path: String) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        return parse(text)
    }

    private static func unquoted(_ value: String) -> String {
        for quote in ["\"", "'"] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
            return String(value.dropFirst().dropLast())
        }
        if let comment = value.range(of: " #") {
            return String(value[..<comment.lowerBound]).trimmingBlanks()
        }
        return value
    }
}
