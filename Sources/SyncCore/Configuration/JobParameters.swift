/// The playbook's job-parameter convention: trailing `KEY=value` or `--key value` tokens (also
/// `--key=value`) set configuration variables. Keys are normalised to upper case with `-` → `_`,
/// so `--volume-name docs`, `volume_name=docs` and `VOLUME_NAME=docs` mean the same.
public enum JobParameters {
    /// A token that is not a parameter.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The offending token.
        public let token: String
        /// What is wrong with it.
        public let reason: String

        public var description: String { "job parameter '\(token)': \(reason)" }
    }

    /// Parses the tokens into variable name → value; a later token wins over an earlier one.
    public static func parse(_ tokens: [String]) throws(ParseError) -> [String: String] {
        var values: [String: String] = [:]
        var index = tokens.startIndex
        while index < tokens.endIndex {
            let token = tokens[index]
            index += 1
            if token.hasPrefix("--") {
                let body = String(token.dropFirst(2))
                if let equals = body.firstIndex(of: "=") {
                    let key = try normalisedKey(String(body[..<equals]), token: token)
                    values[key] = String(body[body.index(after: equals)...])
                } else {
                    let key = try normalisedKey(body, token: token)
                    guard index < tokens.endIndex else {
                        throw ParseError(token: token, reason: "expected a value after it")
                    }
                    values[key] = tokens[index]
                    index += 1
                }
            } else if let equals = token.firstIndex(of: "=") {
                let key = try normalisedKey(String(token[..<equals]), token: token)
                values[key] = String(token[token.index(after: equals)...])
            } else {
                throw ParseError(token: token, reason: "expected KEY=value or --key value")
            }
        }
        return values
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
