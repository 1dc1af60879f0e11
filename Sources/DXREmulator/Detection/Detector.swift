/// A detector (in DXR terms an annotator or data class): finds sensitive values in text.
public struct Detector: Sendable {
    /// The data-class id DXR reports in `annotators` (`annotation.<id>`).
    public let id: Int
    public let name: String
    let find: @Sendable (String) -> [String]

    /// The values this detector finds in `text`, in order of appearance.
    public func findings(in text: String) -> [String] { find(text) }
}

extension Detector {
    /// Every detector the emulator runs.
    public static let all: [Detector] = [
        email, phoneNumber, paymentCard, socialSecurityNumber, iban, ipv4, cloudAccessKey, privateKey,
    ]

    public static let email = Detector(id: 1, name: "Email address") { text in
        text.matches(of: #/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/#).map {
            String($0.output)
        }
    }

    /// 10 to 15 digits written as a phone number: international (`+44 20 7946 0958`), with an area
    /// code in brackets (`(555) 010-0142`), or `555-010-0142`.
    public static let phoneNumber = Detector(id: 2, name: "Phone number") { text in
        text.isolatedMatches(of: #/\+?\(?\d[\d ().-]{8,}\d/#, apart: { $0.isLetter || $0.isNumber }).filter {
            candidate in
            let digits = candidate.filter(\.isNumber).count
            let shaped =
                candidate.hasPrefix("+") || candidate.hasPrefix("(")
                || candidate.wholeMatch(of: #/\d{3}[-. ]\d{3}[-. ]\d{4}/#) != nil
            return (10...15).contains(digits) && shaped && !candidate.contains("..")
        }
    }

    /// 13 to 19 digits (spaces or dashes allowed) that pass the Luhn check.
    public static let paymentCard = Detector(id: 3, name: "Payment card number") { text in
        text.isolatedMatches(of: #/\d(?:[ -]?\d){12,18}/#, apart: \.isNumber).filter { candidate in
            Checksums.luhn(candidate.filter(\.isNumber))
        }
    }

    /// `AAA-GG-SSSS` outside the ranges the SSA never issues (000, 666, 900-999; group 00; serial 0000).
    public static let socialSecurityNumber = Detector(id: 4, name: "US social security number") { text in
        text.isolatedMatches(of: #/\d{3}-\d{2}-\d{4}/#, apart: { $0.isNumber || $0 == "-" }).filter { candidate in
            let groups = candidate.split(separator: "-")
            let area = Int(groups[0]) ?? 0
            return area != 0 && area != 666 && area < 900 && groups[1] != "00" && groups[2] != "0000"
        }
    }

    /// International bank account numbers that pass the mod-97 check.
    public static let iban = Detector(id: 5, name: "IBAN") { text in
        text.matches(of: #/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/#).map { String($0.output) }
            .filter {
                Checksums.ibanMod97($0.filter { !$0.isWhitespace })
            }
    }

    public static let ipv4 = Detector(id: 6, name: "IPv4 address") { text in
        text.isolatedMatches(of: #/\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/#, apart: { $0.isNumber || $0 == "." }).filter {
            candidate in
            candidate.split(separator: ".").allSatisfy { (Int($0) ?? 256) <= 255 }
        }
    }

    public static let cloudAccessKey = Detector(id: 7, name: "Cloud access key") { text in
        text.matches(of: #/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/#).map { String($0.output) }
    }

    public static let privateKey = Detector(id: 8, name: "Private key") { text in
        text.matches(of: #/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/#).map { String($0.output) }
    }
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
