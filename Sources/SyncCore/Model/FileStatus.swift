/// The status column of a row.
package enum FileStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// DXR classified the file.
    case classified = "CLASSIFIED"
    /// Deliberately not sent (for example larger than the byte budget).
    case skipped = "SKIPPED"
    /// Sent or meant to be sent, but no classification came back; retried on the next run.
    case failed = "FAILED"
}
