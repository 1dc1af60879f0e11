/// One thing wrong with the configuration, naming the variable to fix.
package struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    /// The variable at fault, for example `DXR_VERIFY_SSL`.
    package let variable: String
    /// What is wrong and what to do.
    package let message: String

    package init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    package var description: String { "\(variable): \(message)" }
}

/// Every problem found in the configuration, reported at once before anything is contacted.
package struct ConfigurationError: RunFailure, Sendable {
    /// The problems, in catalogue order.
    package let problems: [ConfigurationProblem]

    package init(problems: [ConfigurationProblem]) { self.problems = problems }

    package var kind: FailureKind { .configuration }

    package var description: String {
        let noun = problems.count == 1 ? "problem" : "problems"
        return (["configuration has \(problems.count) \(noun):"] + problems.map { "  - \($0)" })
            .joined(separator: "\n")
    }
}
