/// The check-digit algorithms that separate real identifiers from look-alikes.
enum Checksums {
    /// The Luhn check used by payment cards.
    static func luhn(_ digits: String) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == digits.count, (13...19).contains(values.count) else { return false }
        let sum = values.reversed().enumerated().reduce(0) { sum, element in
            let (position, digit) = element
            guard position % 2 == 1 else { return sum + digit }
            let doubled = digit * 2
            return sum + (doubled > 9 ? doubled - 9 : doubled)
        }
        return sum % 10 == 0
    }

    /// The ISO 13616 mod-97 check of an IBAN without spaces.
    static func ibanMod97(_ iban: String) -> Bool {
        guard (15...34).contains(iban.count), iban.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
            return false
        }
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            let value = character.isNumber ? Int(String(character))! : Int(character.asciiValue! - 55)
            for digit in String(value) { remainder = (remainder * 10 + Int(String(digit))!) % 97 }
        }
        return remainder == 1
    }
}
