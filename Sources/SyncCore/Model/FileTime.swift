/// A modification time with full precision: whole seconds since the Unix epoch plus nanoseconds.
/// The table stores whole seconds (as the playbook does); the precision is kept for comparisons
/// within a run, such as noticing that a file changed while it was being uploaded.
package struct FileTime: Sendable, Hashable, Comparable, Codable {
    package var seconds: Int64
    package var nanoseconds: Int32

    package init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Milliseconds since the epoch, as the Databricks Files API reports `last_modified`.
    package init(milliseconds: Int64) {
        let seconds = milliseconds.floorDivided(by: 1000)
        self.init(seconds: seconds, nanoseconds: Int32((milliseconds - seconds * 1000) * 1_000_000))
    }

    package static func < (lhs: FileTime, rhs: FileTime) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
