/// One exclude pattern in gitignore syntax (<https://git-scm.com/docs/gitignore#_pattern_format>):
///
/// - `*` matches anything but `/`, `?` one character but `/`, `[a-z]` / `[!a-z]` one of a set;
///   `\` makes the next character literal.
/// - `**` as a whole segment matches any number of folders: `**/x` anywhere, `x/**` everything
///   inside `x`, `a/**/b` zero or more folders between.
/// - A pattern with a `/` at its start or in its middle is anchored to the folder it belongs to;
///   one without matches a name at any depth below it.
/// - A trailing `/` matches folders only; a leading `!` re-includes what an earlier pattern excluded
///   (but nothing inside an excluded folder, as in git).
package struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    package let text: String
    /// A leading `!`: a match re-includes the path.
    package let isNegated: Bool
    /// A trailing `/`: only folders match.
    package let matchesFoldersOnly: Bool
    private let segments: [Segment]

    /// One `/`-separated part of the pattern.
    private enum Segment: Sendable, Hashable {
        /// `**`: any number of path segments.
        case anyFolders
        case glob([Token])
    }

    /// One element of a segment.
    private enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        /// `?`
        case anyCharacter
        /// `*`
        case anyRun
        /// `[…]`: the ranges (a single character is a range of one), negated with `!` or `^`.
        case set(ranges: [ClosedRange<Unicode.Scalar>], negated: Bool)

        func matches(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .literal(let literal): literal == scalar
            case .anyCharacter: true
            case .anyRun: false
            case .set(let ranges, let negated): ranges.contains { $0.contains(scalar) } != negated
            }
        }
    }

    /// Parses `text`; the error says what is wrong with it.
    package init(_ text: String) throws(GlobPatternError) {
        self.text = text
        var body = Substring(text)
        isNegated = body.hasPrefix("!")
        if isNegated { body.removeFirst() }
        matchesFoldersOnly = body.hasSuffix("/") && !body.hasSuffix("\\/")
        if matchesFoldersOnly { body.removeLast() }
        guard !body.isEmpty, body != "/" else { throw GlobPatternError(pattern: text, reason: "it matches nothing") }
        if body.hasPrefix("/Volumes/") {
            throw GlobPatternError(
                pattern: text,
                reason: "patterns are relative to the volume (or to the folder of their .dxrignore); drop '/Volumes/…'")
        }
        let anchored = body.contains("/")
        if body.hasPrefix("/") { body.removeFirst() }
        var segments = try body.split(separator: "/", omittingEmptySubsequences: false).map {
            (part) throws(GlobPatternError) -> Segment in
            if part == "**" { return .anyFolders }
            if part.isEmpty { throw GlobPatternError(pattern: text, reason: "it has an empty folder ('//')") }
            if part == "." || part == ".." {
                throw GlobPatternError(pattern: text, reason: "'\(part)' cannot match a path in a volume")
            }
            return .glob(try Self.tokens(of: part, in: text))
        }
        if !anchored { segments.insert(.anyFolders, at: 0) }
        self.segments = segments
    }

    package var description: String { text }

    /// Whether the path (relative to the pattern's folder, `/`-separated) matches, ignoring `!`.
    package func matches(_ path: [Substring], isFolder: Bool) -> Bool {
        if matchesFoldersOnly && !isFolder { return false }
        return Self.match(segments[...], path[...])
    }

    private static func match(_ pattern: ArraySlice<Segment>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .anyFolders:
            let rest = pattern.dropFirst()
            // `x/**` needs something inside `x`; `**/x` and `a/**/b` may match zero folders.
            if rest.isEmpty { return !path.isEmpty }
            return path.indices.contains { match(rest, path[$0...]) } || match(rest, path[path.endIndex...])
        case .glob(let tokens):
            guard let name = path.first, matchSegment(tokens[...], Array(name.unicodeScalars)[...]) else {
                return false
            }
            return match(pattern.dropFirst(), path.dropFirst())
        }
    }

    /// Wildcard matching of one name, backtracking to the last `*`.
    private static func matchSegment(_ tokens: ArraySlice<Token>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        var (t, n) = (tokens.startIndex, name.startIndex)
        var star: (token: Int, name: Int)?
        while n < name.endIndex {
            if t < tokens.endIndex, case .anyRun = tokens[t] {
                star = (t, n)
                t += 1
            } else if t < tokens.endIndex, tokens[t].matches(name[n]) {
                t += 1
                n += 1
            } else if let last = star {
                t = last.token + 1
                n = last.name + 1
                star = (last.token, last.name + 1)
            } else {
                return false
            }
        }
        while t < tokens.endIndex, case .anyRun = tokens[t] { t += 1 }
        return t == tokens.endIndex
    }

    private static func tokens(of segment: Substring, in pattern: String) throws(GlobPatternError) -> [Token] {
        var tokens: [Token] = []
        var scalars = segment.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\\":
                guard let escaped = scalars.popFirst() else {
                    throw GlobPatternError(pattern: pattern, reason: "it ends with a lone '\\'")
                }
                tokens.append(.literal(escaped))
            case "?": tokens.append(.anyCharacter)
            case "*": if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "[": tokens.append(try set(from: &scalars, in: pattern))
            default: tokens.append(.literal(scalar))
            }
        }
        return tokens
    }

    /// Reads a `[…]` set after its `[`; a `]` right after `[` or `[!` is a member.
    private static func set(from scalars: inout Substring.UnicodeScalarView.SubSequence, in pattern: String)
        throws(GlobPatternError) -> Token
    {
        let negated = scalars.first == "!" || scalars.first == "^"
        if negated { scalars.removeFirst() }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while let scalar = scalars.popFirst() {
            if scalar == "]" && !first { return .set(ranges: ranges, negated: negated) }
            first = false
            var low = scalar
            if low == "\\" {
                guard let escaped = scalars.popFirst() else { break }
                low = escaped
            }
            if scalars.first == "-", let high = scalars.dropFirst().first, high != "]" {
                scalars.removeFirst(2)
                guard low <= high else {
                    throw GlobPatternError(pattern: pattern, reason: "the range '\(low)-\(high)' is backwards")
                }
                ranges.append(low...high)
            } else {
                ranges.append(low...low)
            }
        }
        throw GlobPatternError(pattern: pattern, reason: "a '[' is never closed with ']'")
    }
}

/// A pattern that cannot be read, with the reason.
package struct GlobPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    package let pattern: String
    package let reason: String

    package var description: String { "the pattern '\(pattern)' is malformed: \(reason)" }
}
