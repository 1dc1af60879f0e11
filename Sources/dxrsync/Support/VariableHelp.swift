import SyncCore

/// The "Configuration variables" section of a command's `--help`, built from the catalogue.
enum VariableHelp {
    static func section(for usage: ConfigurationVariable.Usage) -> String {
        let variables = ConfigurationVariable.read(by: usage)
        let width = variables.map(\.name.count).max() ?? 0
        let lines = variables.map { variable in
            let padding = String(repeating: " ", count: width - variable.name.count)
            var line = variable.name + padding + "  " + variable.summary
            if variable.isRequired { line += " Required." }
            if let value = variable.defaultDescription { line += " Default: \(value)." }
            return "  " + line
        }
        return (["Configuration variables:"] + lines).joined(separator: "\n")
    }
}
