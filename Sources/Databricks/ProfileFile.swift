/// A `~/.databrickscfg` file: INI sections of `key = value` lines; `#` and `;` start comments.
struct ProfileFile: Sendable {
    /// Section name → key → value.
    let sections: [String: [String: String]]

    init(text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: " \t")
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast()).trimmingCharacters(in: " \t")
                current = name
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingCharacters(in: " \t").lowercased()
            sections[current]?[key] = String(line[line.index(after: equals)...]).trimmingCharacters(in: " \t")
        }
        self.sections = sections
    }
}

extension StringProtocol {
    /// The string without the given characters at either end.
    func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        return String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
