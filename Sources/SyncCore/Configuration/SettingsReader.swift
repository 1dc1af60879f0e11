import Foundation

/// Reads typed values from ``ConfigurationSources`` and collects every problem instead of
/// stopping at the first, so one run of the tool reports them all.
struct SettingsReader {
    let sources: ConfigurationSources
    private(set) var problems: [ConfigurationProblem] = []
    /// When `false`, a missing required value is not a problem (values that are set are still checked).
    var requiresValues = true

    init(sources: ConfigurationSources) { self.sources = sources }

    mutating func report(_ variable: String, _ message: String) {
        problems.append(ConfigurationProblem(variable: variable, message: message))
    }

    func optional(_ name: String) -> String? { sources.value(name) }

    /// A required value; reports it missing and returns `nil`.
    mutating func required(_ name: String, hint: String) -> String? {
        if let value = sources.value(name) { return value }
        if requiresValues { report(name, "is required but not set; \(hint)") }
        return nil
    }

    /// Parses an optional value with `parse`, reporting `expected` when it does not parse.
    mutating func parsed<T>(_ name: String, default fallback: T, expected: String, _ parse: (String) -> T?) -> T {
        guard let text = sources.value(name) else { return fallback }
        if let value = parse(text) { return value }
        report(name, "'\(text)' is not valid; expected \(expected)")
        return fallback
    }

    mutating func boolean(_ name: String, default fallback: Bool) -> Bool {
        parsed(name, default: fallback, expected: "true/false, 1/0, yes/no or on/off", SettingParsers.boolean)
    }

    mutating func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
        parsed(name, default: fallback, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)") {
            SettingParsers.integer($0, in: range)
        }
    }

    mutating func seconds(_ name: String, default fallback: Double) -> Double {
        parsed(name, default: fallback, expected: "a positive number of seconds", SettingParsers.seconds)
    }

    /// A Unity Catalog object name: required, no `/`, not `.` or `..`.
    mutating func objectName(_ name: String, hint: String) -> String {
        guard let value = required(name, hint: hint) else { return "" }
        if value.contains("/") || value == "." || value == ".." {
            report(name, "'\(value)' is not a valid name (no '/', not '.' or '..')")
        }
        return value
    }

    /// A metadata-table identifier, defaulting to `fallback`.
    mutating func identifier(_ name: String, default fallback: String) -> String {
        let value = sources.value(name) ?? fallback
        // A default derived from a missing or bad volume variable is already reported there.
        let derivedFromAProblem = sources.value(name) == nil && problems.contains { $0.variable.hasPrefix("VOLUME_") }
        if !SettingParsers.isPlainIdentifier(value) && !derivedFromAProblem {
            let origin = sources.value(name) == nil ? " (the default derived from the volume)" : ""
            report(
                name,
                "'\(value)'\(origin) must contain only letters, digits and '_'; set \(name) to such a name")
        }
        return value
    }

    mutating func secret(_ name: String) -> Secret? { sources.value(name).map(Secret.init) }
}
