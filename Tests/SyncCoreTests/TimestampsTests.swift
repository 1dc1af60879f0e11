import Foundation
import SyncCore
import TestSupport
import Testing

@Suite struct TimestampsTests {
    @Test func writesUTCWithMillisecondsAndReadsItBack() {
        #expect(Timestamps.text(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamps.text(Date(timeIntervalSince1970: 1_790_000_000.125)) == "2026-09-21T14:13:20.125Z")
        #expect(Timestamps.text(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(Timestamps.text(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(Timestamps.date("2026-09-21T14:13:20.125Z") == Date(timeIntervalSince1970: 1_790_000_000.125))
    }

    @Test func readsTheShapesWarehousesSend() {
        let expected = Date(timeIntervalSince1970: 1_790_000_000)
        for text in [
            "2026-09-21T14:13:20Z", "2026-09-21T14:13:20.000Z", "2026-09-21 14:13:20", "2026-09-21T16:13:20+02:00",
            "2026-09-21T12:13:20-0200", "2026-09-21T14:13:20.000000000Z",
        ] {
            #expect(Timestamps.date(text) == expected, "\(text)")
        }
        for bad in [
            "", "2026-09-22", "2026-13-01T00:00:00Z", "2026-09-22T14:13:20.Z", "2026-09-22T14:13:20Zjunk", "yesterday",
        ] {
            #expect(Timestamps.date(bad) == nil, "\(bad)")
        }
    }

    /// Seeded random dates from 1900 to 2200: Foundation's ISO-8601 parser reads our text as the
    /// same instant, the text survives a round trip, and it is the date to the millisecond.
    @Test func agreesWithFoundationOnRandomDates() throws {
        var generator = SeededGenerator(seed: 7)
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...7_258_118_400, using: &generator))
            let text = Timestamps.text(date)
            let parsed = try #require(Timestamps.date(text))
            #expect(abs(parsed.timeIntervalSince(try style.parse(text))) < 0.000_001, "\(text)")
            #expect(Timestamps.text(parsed) == text)
            #expect((-0.000_001..<0.001).contains(date.timeIntervalSince(parsed)), "\(text)")
        }
    }
}

@Suite struct StringListJSONTests {
    @Test(arguments: [
        [], ["PII"], ["a\"b", "back\\slash", "new\nline\ttab\r", "\u{1}\u{1F}", "é ✓ 🔒", ""],
    ])
    func isValidJSONForAnyStrings(_ values: [String]) throws {
        let text = StringListJSON.text(values)
        #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == values)
    }
}
