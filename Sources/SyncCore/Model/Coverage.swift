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
}
