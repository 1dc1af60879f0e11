/// What the emulator's detectors and rules make of one document's text.
struct TextClassification: Sendable {
    /// Detector id → the values it found.
    var findings: [Int: [String]]
    var labelIDs: [Int]
    var category: String

    /// Classifies `text` (already limited to the first few MiB of the document) with `rules`.
    init(text: String, rules: [LabelRule] = LabelRule.all) {
        var findings: [Int: [String]] = [:]
        let profile = TextProfile(text)
        for detector in Detector.all {
            let found = detector.findings(in: text, profile: profile)
            if !found.isEmpty { findings[detector.id] = found }
        }
        let lowercased = text.lowercased()
        let fired = Set(findings.keys)
        self.findings = findings
        self.labelIDs = rules.filter { $0.applies(fired, lowercased) }.map(\.id)
        self.category = CategoryRules.category(of: lowercased)
    }
}
