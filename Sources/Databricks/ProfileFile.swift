import Foundation

/// A `~/.databrickscfg` file: INI sections of `key = value` lines; `#` and `;` start comments.
struct ProfileFile: Sendable {
    /// Spaces and tabs around names and values.
    private static let blanks = CharacterSet(charactersIn: " \t")

    /// Section name → key → value.
    let sections: [String: [String: String]]

    init(text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: Self.blanks)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast()).trimmingCharacters(in: Self.blanks)
                current = name
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingCharacters(in: Self.blanks).lowercased()
            sections[current]?[key] = String(line[line.index(after: equals)...]).trimmingCharacters(in: Self.blanks)
        }
        self.sections = sections
    }
}
