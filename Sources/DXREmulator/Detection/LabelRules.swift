import Foundation

/// A label (DXR tag) the emulator applies, like a running smart label: it applies to a document
/// when any of its detectors fired or any of its keywords appears in the text.
package struct LabelRule: Sendable, Hashable, Codable {
    package let id: Int
    package let name: String
    package let description: String
    /// Detector (data-class) ids; any one firing applies the label.
    package let detectors: Set<Int>
    /// Lower-case words; any one in the text applies the label.
    package let keywords: [String]

    package init(id: Int, name: String, description: String, detectors: Set<Int>, keywords: [String] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.detectors = detectors
        self.keywords = keywords
    }

    func applies(_ firedDetectorIDs: Set<Int>, _ lowercasedText: String) -> Bool {
        !firedDetectorIDs.isDisjoint(with: detectors) || keywords.contains { lowercasedText.contains($0) }
    }
}

extension LabelRule {
    /// The labels the emulator starts with.
    package static let all: [LabelRule] = [
        LabelRule(
            id: 101, name: "PII", description: "Personal data: e-mail, phone or social security numbers",
            detectors: [1, 2, 4]),
        LabelRule(id: 102, name: "PCI", description: "Payment card numbers", detectors: [3]),
        LabelRule(id: 103, name: "Financial", description: "Bank accounts or payment cards", detectors: [3, 5]),
        LabelRule(id: 104, name: "Secrets", description: "Access keys and private keys", detectors: [7, 8]),
        LabelRule(
            id: 105, name: "Confidential", description: "Marked confidential, or holding secrets", detectors: [7, 8],
            keywords: ["confidential"]),
        LabelRule(id: 106, name: "Network", description: "IP addresses", detectors: [6]),
    ]
}

/// The label rules in force and when they last changed, as `/api/v1/classifications` reports
/// them. A rules file (`emulate-dxr --rules FILE`: `{"labels": [LabelRule…]}`) adds labels or
/// replaces built-in ones by id, and is read again whenever it changes, so a running emulator can
/// be given new rules, as a DXR administrator would add a smart label.
package struct LabelRuleSet: Sendable, Hashable {
    package var rules: [LabelRule]
    package var updatedAt: Date

    package init(rules: [LabelRule] = LabelRule.all, updatedAt: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        self.rules = rules
        self.updatedAt = updatedAt
    }

    /// The built-in rules with the file's labels added or replacing them by id.
    package static func reading(_ path: String) throws -> LabelRuleSet {
        struct File: Decodable { var labels: [LabelRule] }
        let url = URL(fileURLWithPath: path)
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        let replaced = Set(file.labels.map(\.id))
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
        return LabelRuleSet(
            rules: LabelRule.all.filter { !replaced.contains($0.id) } + file.labels, updatedAt: modified)
    }
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
