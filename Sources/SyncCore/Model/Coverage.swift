/// How far DXR got with a file, so that "not evaluated" never reads as "clean".
package enum Coverage: String, Sendable, Hashable, Codable, CaseIterable {
    /// Classified, and at least one label or detector found something.
    case withFindings = "CLASSIFIED_WITH_FINDINGS"
    /// Classified, text read, nothing found.
    case noFindings = "CLASSIFIED_NO_FINDINGS"
    /// DXR answered, but could not extract the file's text: an empty verdict means nothing.
    case textNotExtracted = "TEXT_NOT_EXTRACTED"
    /// Not sent (for example larger than the byte budget).
    case skipped = "SKIPPED"
    /// Sent or meant to be sent, but no classification came back.
    case failed = "FAILED"

    /// What the class means, for people: the report's text and its page say it this way.
    package var title: String {
        switch self {
        case .withFindings: "classified, with findings"
        case .noFindings: "classified, nothing found"
        case .textNotExtracted: "text not extracted"
        case .skipped: "skipped"
        case .failed: "failed"
        }
    }
}
