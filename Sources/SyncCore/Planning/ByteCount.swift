/// Formats byte counts for people: exact below 1 KiB, binary units above.
package enum ByteCount {
    /// `512 B`, `1.5 KiB`, `30.0 MiB (31457280 bytes)`.
    package static func describe(_ bytes: Int64) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard bytes >= 1024 else { return "\(bytes) B" }
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        return "\(rounded) \(units[unit]) (\(bytes) bytes)"
    }
}
