import Foundation

/// The `--name value` options of one command; a name given twice keeps its last value.
struct Arguments {
    private var values: [String: String] = [:]

    /// Reads `--name value` pairs; anything else is a usage error.
    init(_ arguments: ArraySlice<String>) throws(UsageError) {
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard name.hasPrefix("--"), let value = rest.popFirst() else {
                throw UsageError("expected --name value, got '\(name)'")
            }
            values[String(name.dropFirst(2))] = value
        }
    }

    /// The value of `--name`, or `fallback` when it is not given and there is one.
    func text(_ name: String, default fallback: String? = nil) throws(UsageError) -> String {
        guard let value = values[name] ?? fallback else { throw UsageError("--\(name) is required") }
        return value
    }

    /// The value of `--name` when it is given.
    func optional(_ name: String) -> String? { values[name] }

    /// The value of `--name` read by `parse`.
    func parsed<Value>(_ name: String, default fallback: String? = nil, _ parse: (String) -> Value?)
        throws(UsageError) -> Value
    {
        let text = try text(name, default: fallback)
        guard let value = parse(text) else { throw UsageError("--\(name): cannot read '\(text)'") }
        return value
    }
}

/// A command line the benchmark cannot run; `main` prints it with the usage (exit 2).
struct UsageError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
