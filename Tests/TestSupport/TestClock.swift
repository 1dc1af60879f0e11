import Foundation
import Synchronization

/// A wall clock a test sets: every timestamp a run writes comes from it, so the test knows them.
package final class TestClock: Sendable {
    private let current: Mutex<Date>

    package init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    /// The time now.
    package func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward.
    package func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
