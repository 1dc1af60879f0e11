/// One configuration variable the tool reads: its name, default and meaning.
///
/// Every variable is declared once, as a ``Setting`` in ``Settings``, with its typed default; the
/// catalogue ``Settings/all`` is the single source for `--help`, the README table, validation
/// messages and the loader's defaults, so they never drift apart.
package struct ConfigurationVariable: Sendable, Hashable {
    /// Which commands read a variable.
    package struct Usage: OptionSet, Sendable, Hashable {
        package let rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }

        /// Read when listing and planning (`plan`, `sync`).
        package static let plan = Usage(rawValue: 1 << 0)
        /// Read only when classifying and storing (`sync`).
        package static let sync = Usage(rawValue: 1 << 1)
        /// Read when opening the metadata store (`sync`, `report`).
        package static let store = Usage(rawValue: 1 << 2)
    }

    /// The environment-variable name, for example `VOLUME_NAME`.
    package let name: String
    /// The default as shown to people, in the summary's markup (a value in backticks, or words for
    /// a derived default), or `nil` when there is none.
    package let defaultDescription: String?
    /// Whether a value must be supplied.
    package let isRequired: Bool
    /// Whether the value is a credential that must never be printed.
    package let isSecret: Bool
    /// The commands that read it.
    package let usage: Usage
    /// What it means, for `--help` and the README's table: Markdown's inline markup only.
    package let summary: String

    init(
        _ name: String,
        default defaultDescription: String? = nil,
        required isRequired: Bool = false,
        secret isSecret: Bool = false,
        usage: Usage,
        _ summary: String
    ) {
        self.name = name
        self.defaultDescription = defaultDescription
        self.isRequired = isRequired
        self.isSecret = isSecret
        self.usage = usage
        self.summary = summary
    }
}

extension ConfigurationVariable {
    /// Every variable the tool reads, in the order the README lists them.
    package static var all: [ConfigurationVariable] { Settings.all }

    /// The variables a command reads, for its `--help`.
    package static func read(by usage: Usage) -> [ConfigurationVariable] {
        all.filter { !$0.usage.isDisjoint(with: usage) }
    }
}
