import ArgumentParser
import Foundation
import SyncCore

/// `dxrsync docs`: the README's tables that the code holds, printed or written into a file, so the
/// README never retypes a default or an exit code's meaning.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Print the tables of configuration variables and exit codes, generated from the code.",
        discussion: """
            With neither --settings nor --exit-codes, prints both. --update FILE rewrites, in place, the \
            tables between the marker comments of a Markdown file (README.md, docs/deploy-databricks.md); \
            the tests fail when those differ from what this prints.
            """
    )

    @Flag(help: "Print the table of configuration variables (Markdown).")
    var settings = false

    @Flag(help: "Print the table of exit codes (Markdown).")
    var exitCodes = false

    @Option(help: ArgumentHelp("Rewrite the generated tables of this Markdown file in place.", valueName: "file"))
    var update: String?

    func run() throws {
        if let update {
            let text = try String(contentsOfFile: update, encoding: .utf8)
            let updated = try SettingsDocumentation.updated(text)
            if updated != text { try updated.write(toFile: update, atomically: true, encoding: .utf8) }
            FileHandleOutput.standardOutput.write(updated == text ? "\(update) is up to date\n" : "updated \(update)\n")
            return
        }
        let sections = SettingsDocumentation.Section.allCases.filter {
            switch $0 {
            case .settings: settings || !exitCodes
            case .exitCodes: exitCodes || !settings
            }
        }
        FileHandleOutput.standardOutput.write(sections.map(\.table).joined(separator: "\n\n") + "\n")
    }
}
