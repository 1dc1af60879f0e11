import Foundation

/// ISO-8601 UTC text with milliseconds (`2026-11-29T14:05:09.123Z`), the format both stores write
/// timestamps in. Written and read by hand: an incremental run reads one or two timestamps per
/// stored row, and Foundation's format styles cost microseconds each.
package enum Timestamps {
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// The date as UTC text, truncated to the millisecond (after rounding to the microsecond, so
    /// that a time read back from text is written as the same text).
    package static func text(_ date: Date) -> String {
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let milliseconds = microseconds >= 0 ? microseconds / 1_000 : -((-microseconds + 999) / 1_000)
        let days =
            milliseconds >= 0 ? milliseconds / millisecondsPerDay : -((-milliseconds - 1) / millisecondsPerDay) - 1
        var rest = milliseconds - days * millisecondsPerDay
        let (year, month, day) = civil(fromDays: days)
        let hour = rest / 3_600_000
        rest -= hour * 3_600_000
        let minute = rest / 60_000
        rest -= minute * 60_000
        let second = rest / 1_000
        let millisecond = rest - second * 1_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func append(_ value: Int64, digits: Int) {
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            var value = value
            while divisor > 0 {
                bytes.append(UInt8(truncatingIfNeeded: value / divisor) + 48)
                value %= divisor
                divisor /= 10
            }
        }
        let fields: [(value: Int64, digits: Int, then: Unicode.Scalar)] = [
            (year, 4, "-"), (month, 2, "-"), (day, 2, "T"), (hour, 2, ":"), (minute, 2, ":"), (second, 2, "."),
            (millisecond, 3, "Z"),
        ]
        for field in fields {
            append(field.value, digits: field.digits)
            bytes.append(UInt8(ascii: field.then))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads `YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM]` (no zone means UTC); `nil` otherwise.
    package static func date(_ text: String) -> Date? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.take(45), let month = scanner.number(2), scanner.take(45),
            let day = scanner.number(2), scanner.take(84) || scanner.take(32) || scanner.take(116),
            let hour = scanner.number(2), scanner.take(58), let minute = scanner.number(2), scanner.take(58),
            let second = scanner.number(2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second < 61
        else { return nil }
        var fraction = 0.0
        if scanner.take(46) {
            var numerator: Int64 = 0
            var denominator: Int64 = 1
            while let digit = scanner.digit() {
                if denominator < 1_000_000_000 {
                    numerator = numerator * 10 + digit
                    denominator *= 10
                }
            }
            guard denominator > 1 else { return nil }
            fraction = Double(numerator) / Double(denominator)
        }
        var offsetSeconds: Int64 = 0
        if scanner.take(90) || scanner.take(122) || scanner.atEnd {
            offsetSeconds = 0
        } else if let sign = scanner.sign(), let hours = scanner.number(2) {
            _ = scanner.take(58)
            guard let minutes = scanner.number(2) else { return nil }
            offsetSeconds = sign * (hours * 3_600 + minutes * 60)
        } else {
            return nil
        }
        guard scanner.atEnd else { return nil }
        let seconds = days(fromCivil: year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Reads ASCII digits and signs from a byte array.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func digit() -> Int64? {
            guard position < bytes.count, (48...57).contains(bytes[position]) else { return nil }
            position += 1
            return Int64(bytes[position - 1] - 48)
        }

        mutating func number(_ count: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func sign() -> Int64? {
            if take(43) { return 1 }
            if take(45) { return -1 }
            return nil
        }
    }
}
