/// A configuration variable with the typed default the loader falls back to. The default is
/// written here once: the configuration types, the loader and `--help` all read it from the setting.
package struct Setting<Value: Sendable>: Sendable {
    /// The variable as `--help` and the README describe it.
    package let variable: ConfigurationVariable
    /// The value used when the variable is not set.
    package let defaultValue: Value

    /// The environment-variable name.
    package var name: String { variable.name }

    /// A setting whose default is shown as the literal `shown` (by default the value itself), in code
    /// font like every value in the summaries.
    init(
        _ name: String, default value: Value, shown: String? = nil, secret: Bool = false,
        usage: ConfigurationVariable.Usage, _ summary: String
    ) {
        variable = ConfigurationVariable(
            name, default: "`\(shown ?? "\(value)")`", secret: secret, usage: usage, summary)
        defaultValue = value
    }
}

extension Setting where Value == String? {
    /// A setting with no default value; `required` ones must be set. `shown` says in words what
    /// stands in for the value when it is unset (another variable's value, something derived).
    init(
        _ name: String, required: Bool = false, secret: Bool = false, shown: String? = nil,
        usage: ConfigurationVariable.Usage, _ summary: String
    ) {
        variable = ConfigurationVariable(
            name, default: shown, required: required, secret: secret, usage: usage, summary)
        defaultValue = nil
    }
}
