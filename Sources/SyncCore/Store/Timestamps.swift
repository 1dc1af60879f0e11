import Foundation

/// ISO-8601 UTC text with milliseconds, the format both stores write timestamps in.
public enum Timestamps {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let wholeSeconds = Date.ISO8601FormatStyle(timeZone: .gmt)

    public static func text(_ date: Date) -> String { style.format(date) }

    /// Reads timestamps with or without fractional seconds.
    public static func date(_ text: String) -> Date? { (try? style.parse(text)) ?? (try? wholeSeconds.parse(text)) }
}
