import SyncCore

/// The "Configuration variables" section of a command's `--help`, built from the catalogue.
/// Lines are wrapped here (under 80 columns) so the indentation survives ArgumentParser's layout.
enum VariableHelp {
    static func section(for usage: ConfigurationVariable.Usage) -> String {
        var lines = ["Configuration variables:"]
        for variable in ConfigurationVariable.read(by: usage) {
            var heading = "  " + variable.name
            if variable.isRequired { heading += " (required)" }
            if let value = variable.defaultDescription { heading += " (default: \(value))" }
            lines.append(heading)
            lines += wrap(variable.summary, width: 72).map { "      " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// Greedy word wrap.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
