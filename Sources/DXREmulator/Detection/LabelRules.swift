/// A label (DXR tag) the emulator applies, like a running smart label.
package struct LabelRule: Sendable {
    package let id: Int
    package let name: String
    package let description: String
    let applies: @Sendable (_ firedDetectorIDs: Set<Int>, _ lowercasedText: String) -> Bool
}

extension LabelRule {
    /// The labels the emulator knows, with their rules.
    package static let all: [LabelRule] = [
        LabelRule(id: 101, name: "PII", description: "Personal data: e-mail, phone or social security numbers") {
            fired, _ in
            !fired.isDisjoint(with: [1, 2, 4])
        },
        LabelRule(id: 102, name: "PCI", description: "Payment card numbers") { fired, _ in fired.contains(3) },
        LabelRule(id: 103, name: "Financial", description: "Bank accounts or payment cards") { fired, _ in
            !fired.isDisjoint(with: [3, 5])
        },
        LabelRule(id: 104, name: "Secrets", description: "Access keys and private keys") { fired, _ in
            !fired.isDisjoint(with: [7, 8])
        },
        LabelRule(id: 105, name: "Confidential", description: "Marked confidential, or holding secrets") {
            fired, text in
            text.contains("confidential") || !fired.isDisjoint(with: [7, 8])
        },
        LabelRule(id: 106, name: "Network", description: "IP addresses") { fired, _ in fired.contains(6) },
    ]
}

/// Keyword rules for `ai#category`.
enum CategoryRules {
    static let rules: [(category: String, keywords: [String])] = [
        ("Finance", ["invoice", "payment", "iban", "revenue", "payroll"]),
        ("HR", ["employee", "onboarding", "benefits", "starter", "people review"]),
        ("IT", ["server", "deploy", "hostname", "access_key"]),
        ("Legal", ["contract", "agreement", "nda"]),
    ]

    /// The first matching category, or `General`.
    static func category(of lowercasedText: String) -> String {
        rules.first { rule in rule.keywords.contains { lowercasedText.contains($0) } }?.category ?? "General"
    }
}
