import Foundation

/// How a run ended, as the ledger records it.
public enum RunStatus: String, Sendable, Hashable, Codable {
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
public struct RunRecord: Sendable, Hashable {
    public var runID: String
    public var startedAt: Date
    public var finishedAt: Date?
    /// The scanned folder as a UC path.
    public var scope: String
    public var status: RunStatus
    public var counts: RunCounts
    public var dxrJobIDs: [String]
    public var exitCode: Int?
    public var error: String?

    public init(
        runID: String, startedAt: Date, finishedAt: Date? = nil, scope: String, status: RunStatus,
        counts: RunCounts = RunCounts(), dxrJobIDs: [String] = [], exitCode: Int? = nil, error: String? = nil
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
    }
}

/// The counts of a run.
public struct RunCounts: Sendable, Hashable, Codable {
    public var listed = 0
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var gone = 0
    public var submitted = 0
    public var classified = 0
    public var skipped = 0
    public var failed = 0
    public var bytesUploaded: Int64 = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case listed, new, changed, unchanged, gone, submitted, classified, skipped, failed
        case bytesUploaded = "bytes_uploaded"
    }
}
