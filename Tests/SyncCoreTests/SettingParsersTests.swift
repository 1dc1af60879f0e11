import SyncCore
import Testing

@Suite struct SettingParsersTests {
    @Test(arguments: ["true", "TRUE", "1", "yes", "On", " on "])
    func trueValues(text: String) { #expect(SettingParsers.boolean(text) == true) }

    @Test(arguments: ["false", "False", "0", "no", "OFF"])
    func falseValues(text: String) { #expect(SettingParsers.boolean(text) == false) }

    @Test(arguments: ["maybe", "", "2", "tru", "y"])
    func otherBooleansAreRejected(text: String) { #expect(SettingParsers.boolean(text) == nil) }

    @Test(arguments: [
        ("31457280", Int64(31_457_280)), ("30MB", 30_000_000), ("30MiB", 31_457_280), ("30 mb", 30_000_000),
        ("30 MiB", 31_457_280), ("1.5GiB", 1_610_612_736), ("512kib", 524_288), ("2KB", 2000), ("0", 0), ("7 B", 7),
    ])
    func byteSizes(text: String, bytes: Int64) { #expect(SettingParsers.byteSize(text) == bytes) }

    @Test(arguments: ["", "MB", "30 parsecs", "-5", "1.5", "30M", "1e3", "99999999999TiB"])
    func badByteSizes(text: String) { #expect(SettingParsers.byteSize(text) == nil) }

    @Test func identifiers() {
        #expect(SettingParsers.isPlainIdentifier("docs_metadata_2"))
        #expect(!SettingParsers.isPlainIdentifier("docs-metadata"))
        #expect(!SettingParsers.isPlainIdentifier("a`b"))
        #expect(!SettingParsers.isPlainIdentifier(""))
    }
}
