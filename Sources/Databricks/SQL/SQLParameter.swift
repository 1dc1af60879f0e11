import SyncCore

/// A named parameter marker's value (`:name` in the statement). Values travel as text and are
/// cast by the warehouse to `type`; they are never spliced into SQL text.
package struct SQLParameter: Sendable, Hashable {
    package var name: String
    /// `nil` binds SQL `NULL`.
    package var value: String?
    /// A SQL type name usable with `cast` (`STRING`, `BIGINT`, `TIMESTAMP`, …).
    package var type: String

    package init(_ name: String, _ value: String?, type: String = "STRING") {
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
