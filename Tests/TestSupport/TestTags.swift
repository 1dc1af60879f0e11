import Foundation
import Testing

extension Tag {
    /// Tests that start a process: the dxrsync binary, the workspace stand-in (Python, and Spark in
    /// strict mode) or headless Chromium. They prove what only a process shows; the rest of the
    /// suite runs in process.
    @Tag package static var endToEnd: Self
}

extension Trait where Self == ConditionTrait {
    /// The end-to-end set is skipped when `DXRSYNC_FAST_TESTS` is set: the fast set, for the
    /// edit-build-test loop (`DXRSYNC_FAST_TESTS=1 swift test --skip-build`). CI runs everything.
    /// (`swift test` has no flag that selects by tag.)
    package static var skippedInTheFastSet: Self {
        .enabled(
            if: ProcessInfo.processInfo.environment["DXRSYNC_FAST_TESTS"] == nil,
            "end-to-end: skipped when DXRSYNC_FAST_TESTS is set")
    }
}
