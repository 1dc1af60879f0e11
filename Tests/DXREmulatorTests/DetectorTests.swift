import Testing

@testable import DXREmulator

/// Each detector finds what it should and rejects look-alikes.
@Suite struct DetectorTests {
    @Test(arguments: [
        (Detector.email, "write to avery.quill@example.com today", ["avery.quill@example.com"]),
        (Detector.email, "not an address: avery@ or @example.com", []),
        (
            Detector.phoneNumber, "call +1 (555) 010-0142 or +44 20 7946 0958",
            ["+1 (555) 010-0142", "+44 20 7946 0958"]
        ),
        (Detector.phoneNumber, "dated 2026-11-29, order 12345, ip 192.0.2.10", []),
        (Detector.phoneNumber, "call 555-010-0199. IBAN digits 1234 5698 7654 32 are not a phone", ["555-010-0199"]),
        (
            Detector.paymentCard, "card 4111 1111 1111 1111 and 5500-0000-0000-0004",
            ["4111 1111 1111 1111", "5500-0000-0000-0004"]
        ),
        (Detector.paymentCard, "Luhn-invalid 4111 1111 1111 1112", []),
        (Detector.socialSecurityNumber, "ssn 457-55-5462", ["457-55-5462"]),
        (Detector.socialSecurityNumber, "000-12-3456 666-12-3456 912-12-3456 123-00-4567 123-45-0000", []),
        (
            Detector.iban, "pay GB82 WEST 1234 5698 7654 32 or DE89370400440532013000",
            ["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000"]
        ),
        (Detector.iban, "checksum wrong: GB82 WEST 1234 5698 7654 33", []),
        (Detector.ipv4, "hosts 192.0.2.10 and 10.0.0.255", ["192.0.2.10", "10.0.0.255"]),
        (Detector.ipv4, "version 1.2.3.4.5 and 300.1.1.1", []),
        (Detector.cloudAccessKey, "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", ["AKIAIOSFODNN7EXAMPLE"]),
        (Detector.cloudAccessKey, "AKIA-short and akiaiosfodnn7example", []),
        (Detector.privateKey, "-----BEGIN RSA PRIVATE KEY-----\nMIIE", ["-----BEGIN RSA PRIVATE KEY-----"]),
        (Detector.privateKey, "-----BEGIN PUBLIC KEY-----", []),
    ])
    func detects(detector: Detector, text: String, expected: [String]) {
        #expect(detector.findings(in: text) == expected)
    }

    @Test func labelsAndCategoryFollowTheRules() {
        let card = TextClassification(text: "Payment with card 4111 1111 1111 1111")
        #expect(card.labelIDs == [102, 103])
        #expect(card.category == "Finance")
        let secret = TextClassification(text: "deploy key AKIAIOSFODNN7EXAMPLE")
        #expect(secret.labelIDs == [104, 105])
        #expect(secret.category == "IT")
        let plain = TextClassification(text: "office hours and the coffee rota")
        #expect(plain.labelIDs.isEmpty && plain.findings.isEmpty)
        #expect(plain.category == "General")
    }

    @Test func checksums() {
        #expect(Checksums.luhn("4111111111111111"))
        #expect(!Checksums.luhn("4111111111111112"))
        #expect(Checksums.ibanMod97("GB82WEST12345698765432"))
        #expect(!Checksums.ibanMod97("GB82WEST12345698765433"))
    }
}
