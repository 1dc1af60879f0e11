/// One thing wrong with the configuration, naming the variable to fix.
public struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    /// The variable at fault, for example `DXR_VERIFY_SSL`.
    public let variable: String
    /// What is wrong and what to do.
    public let message: String

    public init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    public var description: String { "\(variable): \(message)" }
}

/// Every problem found in the configuration, reported at once before anything is contacted.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The problems, in catalogue order.
    public let problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) { self.problems = problems }

    public var description: String {
        let noun = problems.count == 1 ? "problem" : "problems"
        return (["configuration has \(problems.count) \(noun):"] + problems.map { "  - \($0)" })
            .joined(separator: "\n")
    }
}
