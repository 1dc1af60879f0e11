import Foundation

extension StringProtocol {
    /// The text without leading and trailing white space and newlines: the one trimming rule for
    /// settings, `.env` lines, profile files, stored cells and secrets.
    package func trimmingBlanks() -> String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
