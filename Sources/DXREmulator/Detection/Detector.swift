/// A detector (in DXR terms an annotator or data class): finds sensitive values in text.
package struct Detector: Sendable {
    /// The data-class id DXR reports in `annotators` (`annotation.<id>`).
    package let id: Int
    package let name: String
    /// A cheap test on the text's character counts that must hold for any match: regular
    /// expressions cost microseconds even on short texts that cannot match.
    let mayMatch: @Sendable (TextProfile) -> Bool
    let find: @Sendable (String) -> [String]

    init(
        id: Int, name: String, mayMatch: @escaping @Sendable (TextProfile) -> Bool,
        find: @escaping @Sendable (String) -> [String]
    ) {
        self.id = id
        self.name = name
        self.mayMatch = mayMatch
        self.find = find
    }

    /// The values this detector finds in `text`, in order of appearance.
    package func findings(in text: String) -> [String] { findings(in: text, profile: TextProfile(text)) }

    func findings(in text: String, profile: TextProfile) -> [String] { mayMatch(profile) ? find(text) : [] }
}

/// Counts of the characters detectors look for, taken in one pass over a text.
struct TextProfile: Sendable {
    var digits = 0
    var uppercase = 0
    var at = false
    var dash = false
    var dot = false

    init(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): uppercase += 1
            case UInt8(ascii: "@"): at = true
            case UInt8(ascii: "-"): dash = true
            case UInt8(ascii: "."): dot = true
            default: break
            }
        }
    }
}

extension Detector {
    /// Every detector the emulator runs.
    package static let all: [Detector] = [
        email, phoneNumber, paymentCard, socialSecurityNumber, iban, ipv4, cloudAccessKey, privateKey,
    ]

    package static let email = Detector(
        id: 1, name: "Email address", mayMatch: { $0.at && $0.dot },
        find: { text in
            text.matches(of: #/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/#).map {
                String($0.output)
            }
        })

    /// 10 to 15 digits written as a phone number: international (`+44 20 7946 0958`), with an area
    /// code in brackets (`(555) 010-0142`), or `555-010-0142`.
    package static let phoneNumber = Detector(
        id: 2, name: "Phone number", mayMatch: { $0.digits >= 10 },
        find: { text in
            text.isolatedMatches(of: #/\+?\(?\d[\d ().-]{8,}\d/#, apart: { $0.isLetter || $0.isNumber }).filter {
                candidate in
                let digits = candidate.filter(\.isNumber).count
                let shaped =
                    candidate.hasPrefix("+") || candidate.hasPrefix("(")
                    || candidate.wholeMatch(of: #/\d{3}[-. ]\d{3}[-. ]\d{4}/#) != nil
                return (10...15).contains(digits) && shaped && !candidate.contains("..")
            }
        })

    /// 13 to 19 digits (spaces or dashes allowed) that pass the Luhn check.
    package static let paymentCard = Detector(
        id: 3, name: "Payment card number", mayMatch: { $0.digits >= 13 },
        find: {
            text in
            text.isolatedMatches(of: #/\d(?:[ -]?\d){12,18}/#, apart: \.isNumber).filter { candidate in
                Checksums.luhn(candidate.filter(\.isNumber))
            }
        })

    /// `AAA-GG-SSSS` outside the ranges the SSA never issues (000, 666, 900-999; group 00; serial 0000).
    package static let socialSecurityNumber = Detector(
        id: 4, name: "US social security number", mayMatch: { $0.digits >= 9 && $0.dash },
        find: { text in
            text.isolatedMatches(of: #/\d{3}-\d{2}-\d{4}/#, apart: { $0.isNumber || $0 == "-" }).filter { candidate in
                let groups = candidate.split(separator: "-")
                let area = Int(groups[0]) ?? 0
                return area != 0 && area != 666 && area < 900 && groups[1] != "00" && groups[2] != "0000"
            }
        })

    /// International bank account numbers that pass the mod-97 check.
    package static let iban = Detector(
        id: 5, name: "IBAN", mayMatch: { $0.uppercase >= 2 && $0.digits >= 2 },
        find: { text in
            text.matches(of: #/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/#).map { String($0.output) }
                .filter {
                    Checksums.ibanMod97($0.filter { !$0.isWhitespace })
                }
        })

    package static let ipv4 = Detector(
        id: 6, name: "IPv4 address", mayMatch: { $0.digits >= 4 && $0.dot },
        find: { text in
            text.isolatedMatches(of: #/\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/#, apart: { $0.isNumber || $0 == "." }).filter
            {
                candidate in
                candidate.split(separator: ".").allSatisfy { (Int($0) ?? 256) <= 255 }
            }
        })

    package static let cloudAccessKey = Detector(
        id: 7, name: "Cloud access key", mayMatch: { $0.uppercase >= 4 },
        find: {
            text in
            text.matches(of: #/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/#).map { String($0.output) }
        })

    package static let privateKey = Detector(
        id: 8, name: "Private key", mayMatch: { $0.uppercase >= 12 && $0.dash },
        find: {
            text in
            text.matches(of: #/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/#).map { String($0.output) }
        })
}

extension String {
    /// Matches of `regex` whose neighbouring characters are not `apart` (Swift's regex engine has
    /// no look-behind, so the boundaries are checked here).
    fileprivate func isolatedMatches<Output>(of regex: Regex<Output>, apart: (Character) -> Bool) -> [String] {
        matches(of: regex).compactMap { match in
            let range = match.range
            if range.lowerBound > startIndex, apart(self[index(before: range.lowerBound)]) { return nil }
            if range.upperBound < endIndex, apart(self[range.upperBound]) { return nil }
            return String(self[range])
        }
    }
}
