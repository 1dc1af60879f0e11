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

    /// The section of the tools' own settings (`[__settings__]`); it is not a profile.
    static let settingsSection = "__settings__"

    /// The keys of profile `name`; `nil` when the file has no such profile.
    func profile(_ name: String) -> [String: String]? {
        name == Self.settingsSection ? nil : sections[name]
    }

    /// The profile `[__settings__] default_profile` names, if it names one. The Databricks CLI and
    /// SDKs use it when no profile is named, before `[DEFAULT]` (databricks-sdk-py
    /// `databricks/sdk/config.py` `_known_file_config_loader`; databricks/cli
    /// `libs/databrickscfg/ops.go`).
    var defaultProfile: String? {
        guard let name = sections[Self.settingsSection]?["default_profile"], !name.isEmpty else { return nil }
        return name
    }
}
