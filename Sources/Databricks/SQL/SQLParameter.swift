import SyncCore

/// A named parameter marker's value (`:name` in the statement). Values travel as text and are
/// cast by the warehouse to `type`; they are never spliced into SQL text.
public struct SQLParameter: Sendable, Hashable {
    public var name: String
    /// `nil` binds SQL `NULL`.
    public var value: String?
    /// A SQL type name usable with `cast` (`STRING`, `BIGINT`, `TIMESTAMP`, …).
    public var type: String

    public init(_ name: String, _ value: String?, type: String = "STRING") {
        self.name = name
        self.value = value
        self.type = type
    }

    var json: JSONValue {
        var members: [String: JSONValue] = ["name": .string(name), "type": .string(type)]
        if let value { members["value"] = .string(value) }
        return .object(members)
    }
}
