import Foundation

/// A YAML document as a tree of mappings (their keys in order), sequences and scalars, written in
/// block style by ``document(comment:)``: two spaces of indentation, a sequence indented under its
/// key, a string plain where YAML reads it back as the same string and double-quoted otherwise,
/// and a string of several lines as a literal block (`|`). Enough YAML for a bundle's resources.
enum YAMLNode: Sendable, ExpressibleByStringInterpolation, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    case string(String)
    case number(Double)
    case bool(Bool)
    case sequence([YAMLNode])
    case mapping([Entry])

    /// A key of a mapping and its value.
    struct Entry: Sendable {
        var key: String
        var value: YAMLNode
    }

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: YAMLNode...) { self = .sequence(elements) }
    init(dictionaryLiteral elements: (String, YAMLNode)...) {
        self = .mapping(elements.map { Entry(key: $0.0, value: $0.1) })
    }

    /// The document: `comment` as `#` lines (one a line of its text), then the tree, ending with a
    /// line break.
    func document(comment: String) -> String {
        let lines = comment.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }
        return (lines + block(indent: 0)).joined(separator: "\n") + "\n"
    }

    /// The node's lines at `indent`: a collection's entries, or a scalar alone.
    private func block(indent: Int) -> [String] {
        switch self {
        case .mapping(let entries) where !entries.isEmpty:
            return entries.flatMap { Self.line(Self.plainOrQuoted($0.key) + ":", $0.value, indent: indent) }
        case .sequence(let items) where !items.isEmpty:
            return items.flatMap { Self.line("-", $0, indent: indent) }
        default:
            let (head, body) = scalar(indent: indent + 2)
            return [String(repeating: " ", count: indent) + head] + body
        }
    }

    /// `lead` (a key and its colon, or a sequence's dash) at `indent`, then `node`: after it on the
    /// same line when it is a scalar or empty, on the lines below, two spaces further in, when it is
    /// a collection (a sequence item's first entry goes on the dash's line).
    private static func line(_ lead: String, _ node: YAMLNode, indent: Int) -> [String] {
        let margin = String(repeating: " ", count: indent)
        switch node {
        case .mapping(let entries) where !entries.isEmpty: break
        case .sequence(let items) where !items.isEmpty: break
        default:
            let (head, body) = node.scalar(indent: indent + 2)
            return [margin + lead + " " + head] + body
        }
        var lines = node.block(indent: indent + 2)
        guard lead == "-" else { return [margin + lead] + lines }
        lines[0] = margin + "- " + lines[0].dropFirst(indent + 2)
        return lines
    }

    /// A scalar (or an empty collection) as the text after its key or dash, and for a literal block
    /// the block's lines at `indent`.
    private func scalar(indent: Int) -> (head: String, body: [String]) {
        switch self {
        case .string(let text) where text.contains("\n"): Self.literalBlock(text, indent: indent)
        case .string(let text): (Self.plainOrQuoted(text), [])
        case .number(let value): (Self.number(value), [])
        case .bool(let value): (String(value), [])
        case .sequence: ("[]", [])
        case .mapping: ("{}", [])
        }
    }

    /// A string of several lines as a literal block (`|` keeps one final line break, `|-` none,
    /// `|+` all), or double-quoted when a block cannot hold it (a first line that starts with a
    /// blank would need an indentation indicator, and a block keeps no control character).
    private static func literalBlock(_ text: String, indent: Int) -> (head: String, body: [String]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, !first.hasPrefix(" "), !first.hasPrefix("\t"),
            !text.unicodeScalars.contains(where: { $0 != "\n" && $0.properties.generalCategory == .control })
        else { return (quoted(text), []) }
        let trailing = lines.reversed().prefix { $0.isEmpty }.count
        lines.removeLast(min(trailing, 1))
        let margin = String(repeating: " ", count: indent)
        let chomping = trailing == 0 ? "-" : trailing == 1 ? "" : "+"
        return ("|" + chomping, lines.map { $0.isEmpty ? "" : margin + $0 })
    }

    /// A number as YAML writes it: a whole number without a fraction, an exponent after a fraction
    /// (YAML 1.1 reads `1e+20` as a string), `.inf` and `.nan`.
    private static func number(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        let text = "\(value)"
        return text.contains(".") ? text : text.replacingOccurrences(of: "e", with: ".0e")
    }

    /// Words and forms YAML (1.2's core schema, or 1.1 in older readers) reads as something other than
    /// a string when they are plain.
    private static let reserved: Set<String> = [
        "~", "null", "true", "false", "yes", "no", "y", "n", "on", "off", ".inf", "-.inf", "+.inf", ".nan",
    ]

    /// `text` plain when YAML reads it back as the same string in block context, else double-quoted.
    private static func plainOrQuoted(_ text: String) -> String {
        guard let first = text.first, let last = text.last else { return quoted(text) }
        let needsQuotes =
            "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.isWhitespace || first.isNumber || last.isWhitespace
            || last == ":" || text.contains(": ") || text.contains(" #") || Double(text) != nil
            || reserved.contains(text.lowercased())
            || text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{FEFF}" }
        return needsQuotes ? quoted(text) : text
    }

    /// What a double-quoted scalar writes for the characters it cannot hold as they are; other
    /// control characters become `\xNN`.
    private static let escapes: [Unicode.Scalar: String] = [
        "\\": "\\\\", "\"": "\\\"", "\n": "\\n", "\t": "\\t", "\u{FEFF}": "\\uFEFF",
    ]

    /// A double-quoted scalar.
    private static func quoted(_ text: String) -> String {
        let characters = text.unicodeScalars.map { scalar in
            if let escape = escapes[scalar] { return escape }
            guard scalar.properties.generalCategory == .control else { return String(scalar) }
            let hex = String(scalar.value, radix: 16, uppercase: true)  // a control character is below U+00A0
            return "\\x" + (hex.count < 2 ? "0" : "") + hex
        }
        return "\"" + characters.joined() + "\""
    }
}
