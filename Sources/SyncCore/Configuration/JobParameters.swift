/// The playbook's job-parameter convention: trailing `KEY=value` or `--key value` tokens (also
/// `--key=value`) set configuration variables. Keys are normalised to upper case with `-` → `_`,
/// so `--volume-name docs`, `volume_name=docs` and `VOLUME_NAME=docs` mean the same.
package enum JobParameters {
    /// A token that is not a parameter.
    package struct ParseError: RunFailure, Sendable, Equatable {
        /// The offending token.
        package let token: String
        /// What is wrong with it.
        package let reason: String

        package var kind: FailureKind { .configuration }

        package var description: String { "job parameter '\(token)': \(reason)" }
    }

    /// The names a command understands: the configuration variables and the command's own
    /// options. A job parameter naming anything else is an error that suggests the closest name.
    package struct Vocabulary: Sendable {
        /// Variable names, `VOLUME_NAME`.
        package var variables: Set<String>
        /// The command's own options, `--json`.
        package var options: [String]

        package init(variables: Set<String> = Set(ConfigurationVariable.all.map(\.name)), options: [String] = []) {
            self.variables = variables
            self.options = options
        }

        /// The closest known name to the normalised `key`, as people write it, if one is close.
        func suggestion(for key: String) -> String? {
            let candidates =
                variables.sorted().map { ($0, "\($0) (--\($0.lowercased().replacing("_", with: "-")))") }
                + options.map { (String($0.dropFirst(2)).uppercased().replacing("-", with: "_"), "'\($0)'") }
            let scored = candidates.map { (distance: EditDistance.between(key, $0.0), shown: $0.1) }
            guard let best = scored.min(by: { $0.distance < $1.distance }),
                best.distance <= max(2, key.count / 3)
            else { return nil }
            return best.shown
        }
    }

    /// Parses the tokens into variable name → value; a later token wins over an earlier one. With
    /// a `vocabulary`, a key it does not know is an error naming the closest known name, and a
    /// `--key` never takes a following `KEY=value` parameter as its value.
    package static func parse(_ tokens: [String], vocabulary: Vocabulary? = Vocabulary()) throws(ParseError)
        -> [String: String]
    {
        var values: [String: String] = [:]
        var index = tokens.startIndex
        while index < tokens.endIndex {
            let token = tokens[index]
            index += 1
            if token.hasPrefix("--") {
                let body = String(token.dropFirst(2))
                if let equals = body.firstIndex(of: "=") {
                    let key = try knownKey(String(body[..<equals]), token: token, vocabulary: vocabulary)
                    values[key] = String(body[body.index(after: equals)...])
                } else {
                    let key = try knownKey(body, token: token, vocabulary: vocabulary)
                    guard index < tokens.endIndex else {
                        throw ParseError(token: token, reason: "expected a value after it")
                    }
                    let value = tokens[index]
                    if vocabulary != nil, let swallowed = parameterKey(of: value),
                        vocabulary?.variables.contains(swallowed) == true
                    {
                        throw ParseError(
                            token: token, reason: "expected a value after it, found the job parameter '\(value)'")
                    }
                    values[key] = value
                    index += 1
                }
            } else if let equals = token.firstIndex(of: "=") {
                let key = try knownKey(String(token[..<equals]), token: token, vocabulary: vocabulary)
                values[key] = String(token[token.index(after: equals)...])
            } else {
                throw ParseError(token: token, reason: "expected KEY=value or --key value")
            }
        }
        return values
    }

    /// The normalised key of `raw`, checked against the vocabulary.
    private static func knownKey(_ raw: String, token: String, vocabulary: Vocabulary?) throws(ParseError) -> String {
        let key = try normalisedKey(raw, token: token)
        guard let vocabulary, !vocabulary.variables.contains(key) else { return key }
        let what = token.hasPrefix("--") ? "unknown option or job parameter" : "unknown job parameter"
        let hint = vocabulary.suggestion(for: key).map { "; did you mean \($0)?" } ?? ""
        throw ParseError(token: token, reason: "\(what) \(key)\(hint) (dxrsync <command> --help lists them)")
    }

    /// The key of a `KEY=value` token, if it is one.
    private static func parameterKey(of token: String) -> String? {
        guard !token.hasPrefix("-"), let equals = token.firstIndex(of: "=") else { return nil }
        return try? normalisedKey(String(token[..<equals]), token: token)
    }

    /// `volume-name` → `VOLUME_NAME`; keys are letters, digits, `_` and `-`, not starting with a digit.
    static func normalisedKey(_ raw: String, token: String) throws(ParseError) -> String {
        let key = raw.trimmingBlanks().replacingDashesWithUnderscores().uppercased()
        guard let first = key.unicodeScalars.first, !("0"..."9").contains(first),
            key.unicodeScalars.allSatisfy({ $0.isASCIIIdentifierCharacter })
        else {
            throw ParseError(token: token, reason: "'\(raw)' is not a variable name")
        }
        return key
    }
}

extension String {
    fileprivate func replacingDashesWithUnderscores() -> String {
        String(map { $0 == "-" ? "_" : $0 })
    }
}

extension Unicode.Scalar {
    /// ASCII letter, digit or underscore.
    var isASCIIIdentifierCharacter: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self) || self == "_"
    }
}
