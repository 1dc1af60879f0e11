import Foundation

/// ISO-8601 UTC text with milliseconds, the embedded store's timestamp format.
public enum Timestamps {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    public static func text(_ date: Date) -> String { style.format(date) }

    public static func date(_ text: String) -> Date? { try? style.parse(text) }
}
