import Foundation

/// Reads typed values of ``Setting``s from ``ConfigurationSources``, falling back to each
/// setting's default, and collects every problem instead of stopping at the first, so one run of
/// the tool reports them all.
struct SettingsReader {
    let sources: ConfigurationSources
    private(set) var problems: [ConfigurationProblem] = []
    /// When `false`, a missing required value is not a problem (values that are set are still checked).
    var requiresValues = true

    init(sources: ConfigurationSources) { self.sources = sources }

    mutating func report(_ variable: String, _ message: String) {
        problems.append(ConfigurationProblem(variable: variable, message: message))
    }

    /// The value of a setting without a default.
    func optional(_ setting: Setting<String?>) -> String? { sources.value(setting.name) }

    /// The value of a text setting, or its default.
    func text(_ setting: Setting<String>) -> String { sources.value(setting.name) ?? setting.defaultValue }

    /// A required value; reports it missing and returns `nil`.
    mutating func required(_ setting: Setting<String?>, hint: String) -> String? {
        if let value = sources.value(setting.name) { return value }
        if requiresValues { report(setting.name, "is required but not set; \(hint)") }
        return nil
    }

    /// Parses a value with `parse`, reporting `expected` when it does not parse; the setting's
    /// default when unset.
    mutating func parsed<T>(_ setting: Setting<T>, expected: String, _ parse: (String) -> T?) -> T {
        guard let text = sources.value(setting.name) else { return setting.defaultValue }
        if let value = parse(text) { return value }
        reportInvalid(setting.variable, text, expected: expected)
        return setting.defaultValue
    }

    /// Says that `text` is not a valid value of `variable`, without repeating a secret's value.
    private mutating func reportInvalid(_ variable: ConfigurationVariable, _ text: String, expected: String) {
        report(variable.name, (variable.isSecret ? "its value" : "'\(text)'") + " is not valid; expected \(expected)")
    }

    /// Parses the value of a setting without a default with `parse`; `nil` when unset.
    mutating func parsedIfSet<T>(_ setting: Setting<String?>, expected: String, _ parse: (String) -> T?) -> T? {
        guard let text = sources.value(setting.name) else { return nil }
        if let value = parse(text) { return value }
        reportInvalid(setting.variable, text, expected: expected)
        return nil
    }

    mutating func boolean(_ setting: Setting<Bool>) -> Bool {
        parsed(setting, expected: "true/false, 1/0, yes/no or on/off", SettingParsers.boolean)
    }

    mutating func integer(_ setting: Setting<Int>, in range: ClosedRange<Int>) -> Int {
        parsed(setting, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)") {
            SettingParsers.integer($0, in: range)
        }
    }

    mutating func seconds(_ setting: Setting<Double>) -> Double {
        parsed(setting, expected: "a positive number of seconds", SettingParsers.seconds)
    }

    /// A ratio from 0 to 1.
    mutating func ratio(_ setting: Setting<Double>) -> Double {
        parsed(setting, expected: "a number from 0 to 1, for example 0.05") {
            Double($0.trimmingBlanks()).flatMap { (0...1).contains($0) ? $0 : nil }
        }
    }

    /// A Unity Catalog object name: required, no `/`, not `.` or `..`.
    mutating func objectName(_ setting: Setting<String?>, hint: String) -> String {
        guard let value = required(setting, hint: hint) else { return "" }
        if value.contains("/") || value == "." || value == ".." {
            report(setting.name, "'\(value)' is not a valid name (no '/', not '.' or '..')")
        }
        return value
    }

    /// A metadata-table identifier, defaulting to `fallback`.
    mutating func identifier(_ setting: Setting<String?>, default fallback: String) -> String {
        let name = setting.name
        let value = sources.value(name) ?? fallback
        // A default derived from a missing or bad volume variable is already reported there.
        let derivedFromAProblem =
            sources.value(name) == nil
            && problems.contains { $0.variable.hasPrefix("VOLUME_") || $0.variable == name }
        if !SettingParsers.isPlainIdentifier(value) && !derivedFromAProblem {
            let origin = sources.value(name) == nil ? " (the default derived from the volume)" : ""
            report(name, "'\(value)'\(origin) must contain only letters, digits and '_'; set \(name) to such a name")
        }
        return value
    }

    func secret(_ setting: Setting<String?>) -> Secret? { sources.value(setting.name).map(Secret.init) }

    /// A JSON array of disjoint folder selections; the whole scope when unset.
    mutating func selections(_ setting: Setting<String?>) -> [FolderSelection] {
        guard let text = sources.value(setting.name) else { return [.everything] }
        guard let items = try? JSONDecoder().decode([String].self, from: Data(text.utf8)), !items.isEmpty else {
            report(setting.name, "is not valid; expected a JSON array of folders such as [\"raw/2024/**\", \"raw/*\"]")
            return [.everything]
        }
        var selections: [FolderSelection] = []
        for item in items {
            guard let selection = FolderSelection(parsing: item) else {
                report(
                    setting.name, "'\(item)' is not a folder selection; expected 'folder/**', 'folder/*', '**' or '*'")
                continue
            }
            if let overlap = selections.first(where: { !$0.isDisjoint(with: selection) }) {
                report(setting.name, "'\(overlap)' and '\(selection)' overlap; a part's folders must be disjoint")
                continue
            }
            selections.append(selection)
        }
        return selections.sorted()
    }

    /// Comma-separated `catalog.schema[.volume]` patterns; each malformed one is reported by name.
    mutating func namePatterns(_ setting: Setting<String?>) -> [GlobPattern] {
        guard let text = sources.value(setting.name) else { return [] }
        var patterns: [GlobPattern] = []
        for item in text.split(separator: ",").map({ $0.trimmingBlanks() }) where !item.isEmpty {
            do {
                patterns.append(try EstateScope.namePattern(item))
            } catch {
                report(setting.name, "\(error)")
            }
        }
        return patterns
    }

    /// Comma-separated glob patterns; each malformed one is reported by name. Empty items are skipped.
    mutating func patterns(_ setting: Setting<String?>) -> [GlobPattern] {
        guard let text = sources.value(setting.name) else { return [] }
        var patterns: [GlobPattern] = []
        for item in text.split(separator: ",") {
            let trimmed = item.trimmingBlanks()
            guard !trimmed.isEmpty else { continue }
            do {
                patterns.append(try GlobPattern(trimmed))
            } catch {
                report(setting.name, "\(error); see the README's exclude patterns")
            }
        }
        return patterns
    }
}
