/// The places a setting can come from, highest precedence first:
/// command-line flags, job parameters, the environment, then a `.env` file.
package struct ConfigurationSources: Sendable {
    /// One named layer of settings.
    package struct Layer: Sendable {
        /// Where the values came from, for messages ("job parameter", "environment").
        package let name: String
        /// Variable name → value.
        package let values: [String: String]

        package init(name: String, values: [String: String]) {
            self.name = name
            self.values = values
        }
    }

    /// The layers, highest precedence first.
    package let layers: [Layer]

    /// Builds the standard precedence: flags > job parameters > environment > `.env`.
    package init(
        flags: [String: String] = [:],
        jobParameters: [String: String] = [:],
        environment: [String: String] = [:],
        dotEnv: [String: String] = [:]
    ) {
        self.layers = [
            Layer(name: "command-line flag", values: flags),
            Layer(name: "job parameter", values: jobParameters),
            Layer(name: "environment", values: environment),
            Layer(name: ".env file", values: dotEnv),
        ]
    }

    /// The value of `name` from the highest layer that sets it, with surrounding blanks removed.
    /// A value that is empty after trimming counts as unset, as in the playbook.
    package func value(_ name: String) -> String? {
        for layer in layers {
            if let raw = layer.values[name] {
                let trimmed = raw.trimmingBlanks()
                return trimmed.isEmpty ? nil : trimmed
            }
        }
        return nil
    }

    /// Whether any layer sets `name` (even to an empty value).
    package func isSet(_ name: String) -> Bool {
        layers.contains { $0.values[name] != nil }
    }
}
