import SyncCore

/// A `~/.databrickscfg` file: INI sections of `key = value` lines; `#` and `;` start comments.
struct ProfileFile: Sendable {
    /// Section name → key → value.
    let sections: [String: [String: String]]

    init(text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingBlanks()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingBlanks()
                current = name
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingBlanks().lowercased()
            sections[current]?[key] = line[line.index(after: equals)...].trimmingBlanks()
        }
        self.sections = sections
    }
}
