import SyncCore

/// The sections of a command's `--help` that the catalogue writes: its configuration variables
/// and the exit codes. Lines are wrapped here (under 80 columns) so the indentation survives
/// ArgumentParser's layout.
enum VariableHelp {
    /// The "Configuration variables" section for the variables a command reads.
    static func section(for usage: ConfigurationVariable.Usage) -> String {
        entries(
            "Configuration variables",
            ConfigurationVariable.read(by: usage).map { variable in
                var heading = variable.name
                if variable.isRequired { heading += " (required)" }
                if let value = variable.defaultDescription { heading += " (default: \(value))" }
                return (heading, variable.summary)
            })
    }

    /// The "Exit codes" section, from ``ExitStatus/meaning``.
    static var exitCodes: String {
        entries("Exit codes", ExitStatus.allCases.map { ("\($0.rawValue)", $0.meaning) })
    }

    /// A titled list: each heading on its own line, its text wrapped and indented under it.
    private static func entries(_ title: String, _ entries: [(heading: String, text: String)]) -> String {
        var lines = [title + ":"]
        for entry in entries {
            lines.append("  " + entry.heading)
            lines += wrap(entry.text, width: 72).map { "      " + $0 }
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
