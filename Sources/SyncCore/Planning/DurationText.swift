/// Formats durations for people: an estimate in words, or an ETA in a compact form.
package enum DurationText {
    /// `under a minute`, `about 14 min`, `about 2 h 5 min`: rounded up to the minute, since an
    /// estimate that comes out short is the less useful one.
    package static func approximate(seconds: Int) -> String {
        guard seconds >= 60 else { return "under a minute" }
        let minutes = (seconds + 59) / 60
        guard minutes >= 60 else { return "about \(minutes) min" }
        let rest = minutes % 60
        return "about \(minutes / 60) h" + (rest == 0 ? "" : " \(rest) min")
    }

    /// `45s`, `4m10s`, `2h05m`: rounded to the second (to the minute above an hour).
    package static func compact(_ duration: Duration) -> String {
        let seconds = max(0, Int((duration / .seconds(1)).rounded()))
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m\(twoDigits(seconds % 60))s" }
        let minutes = (seconds + 30) / 60
        return "\(minutes / 60)h\(twoDigits(minutes % 60))m"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
