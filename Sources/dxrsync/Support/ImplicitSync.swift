/// The playbook's job convention: a task configured with only `KEY=value` or `--key value`
/// parameters runs the job. Such a command line gets `sync` in front, so it never "succeeds" by
/// printing help; `dxrsync` with no arguments at all still prints help.
enum ImplicitSync {
    /// Options that belong to `dxrsync` itself rather than to a command.
    static let rootOptions: Set<String> = ["-h", "--help", "--version", "--generate-completion-script"]

    static func arguments(_ arguments: [String]) -> [String] {
        guard let first = arguments.first, looksLikeJobParameter(first) else { return arguments }
        return ["sync"] + arguments
    }

    static func looksLikeJobParameter(_ argument: String) -> Bool {
        if argument.hasPrefix("--") {
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            return !rootOptions.contains(name)
        }
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return false }
        return argument[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }
}
