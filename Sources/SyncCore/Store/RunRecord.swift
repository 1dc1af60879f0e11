import Foundation

/// How a run ended, as the ledger records it.
package enum RunStatus: String, Sendable, Hashable, Codable {
    /// Still running, or killed before it could say otherwise.
    case running = "RUNNING"
    /// Every file classified or skipped by rule.
    case succeeded = "SUCCEEDED"
    /// Finished, but some files failed.
    case finishedWithFailures = "FINISHED_WITH_FAILURES"
    /// Stopped by SIGINT or SIGTERM.
    case interrupted = "INTERRUPTED"
    /// Stopped by a fatal error.
    case failed = "FAILED"
}

/// One row of the run ledger (`<table>_runs`).
package struct RunRecord: Sendable, Hashable {
    package var runID: String
    package var startedAt: Date
    package var finishedAt: Date?
    /// The scanned folder as a UC path.
    package var scope: String
    package var status: RunStatus
    package var counts: RunCounts
    package var dxrJobIDs: [String]
    package var exitCode: Int?
    package var error: String?
    /// The DXR rules the run classified under; `nil` when DXR does not say.
    package var classifierFingerprint: String?

    package init(
        runID: String, startedAt: Date, finishedAt: Date? = nil, scope: String, status: RunStatus,
        counts: RunCounts = RunCounts(), dxrJobIDs: [String] = [], exitCode: Int? = nil, error: String? = nil,
        classifierFingerprint: String? = nil
    ) {
        self.runID = runID
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.scope = scope
        self.status = status
        self.counts = counts
        self.dxrJobIDs = dxrJobIDs
        self.exitCode = exitCode
        self.error = error
        self.classifierFingerprint = classifierFingerprint
    }
}

/// The counts of a run.
package struct RunCounts: Sendable, Hashable, Codable {
    package var listed = 0
    package var new = 0
    package var changed = 0
    package var unchanged = 0
    package var gone = 0
    package var submitted = 0
    package var classified = 0
    package var skipped = 0
    package var failed = 0
    package var bytesUploaded: Int64 = 0
    /// Unchanged files classified under other DXR rules (or too long ago), re-queued by `DXRSYNC_RESCAN`.
    package var stale = 0
    /// Files left for a later run by `DXRSYNC_MAX_FILES_PER_RUN` / `DXRSYNC_MAX_BYTES_PER_RUN`.
    package var deferred = 0

    package init() {}

    enum CodingKeys: String, CodingKey {
        case listed, new, changed, unchanged, gone, submitted, classified, skipped, failed, stale, deferred
        case bytesUploaded = "bytes_uploaded"
    }
}
