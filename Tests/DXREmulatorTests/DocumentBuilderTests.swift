import Testing

@testable import DXREmulator

@Suite struct DocumentBuilderTests {
    @Test func hashesEveryByteAndKeepsTextOnlyForTextFiles() {
        var text = DocumentBuilder(fileName: "a.txt", contentType: nil)
        text.append(Array("mail avery@example.com".utf8))
        let (digest, extracted) = text.finish()
        #expect(digest == "a2e979e716512d40e6251d9d149b1d68e2757c59539c0d3524aef73efa86053f")
        #expect(extracted == "mail avery@example.com")

        var binary = DocumentBuilder(fileName: "b.bin", contentType: nil)
        binary.append([0x50, 0x4b, 0x03, 0x04, 0x00] + Array("ssn 123-45-6789".utf8))
        #expect(binary.finish().text == nil)
        #expect(binary.size == 20)
    }
}
