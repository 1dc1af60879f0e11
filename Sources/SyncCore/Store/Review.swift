import Foundation

/// A steward's verdict on a label of a file (one row of `<table>_reviews`): a false positive is
/// taken away from the file's effective labels while the review holds; the raw verdict stays in
/// the row. A review names the file by path, or its content by SHA-256 (all its copies).
package struct Review: Sendable, Hashable {
    package enum Verdict: String, Sendable, Hashable, CaseIterable {
        case falsePositive = "FALSE_POSITIVE"
        case confirmed = "CONFIRMED"
    }

    package var reviewID: String
    package var filePath: String?
    package var sha256: String?
    package var label: String
    package var verdict: Verdict
    package var reason: String?
    package var reviewer: String
    package var createdAt: Date
    /// After this the review no longer applies; `nil` for never.
    package var expiresAt: Date?

    package init(
        reviewID: String, filePath: String?, sha256: String?, label: String, verdict: Verdict, reason: String?,
        reviewer: String, createdAt: Date, expiresAt: Date?
    ) {
        self.reviewID = reviewID
        self.filePath = filePath
        self.sha256 = sha256
        self.label = label
        self.verdict = verdict
        self.reason = reason
        self.reviewer = reviewer
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// The cells of the review row, in the order of ``MetadataSchema/reviewColumns``.
    package var columnValues: [ColumnValue] {
        [
            .text(reviewID), .text(filePath), .text(sha256), .text(label), .text(verdict.rawValue), .text(reason),
            .text(reviewer), .timestamp(createdAt), .timestamp(expiresAt),
        ]
    }
}
