import Testing

@testable import DXREmulator

@Suite struct MultipartStreamParserTests {
    static let body = Array(
        ("--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a_1.txt\"\r\nContent-Type: text/plain\r\n\r\n"
            + "hello\r\n--Xy not yet\r\n"
            + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"b_2.csv\"\r\n\r\n"
            + "\r\n--XyZ--\r\n").utf8)

    /// Feeds the body in chunks of `size` bytes and folds the events into (filename, content) pairs.
    func parse(chunkSize size: Int) throws -> [(String, String)] {
        var parser = MultipartStreamParser(boundary: "XyZ")
        var parts: [(String, String)] = []
        var name = ""
        var content: [UInt8] = []
        var offset = 0
        while offset < Self.body.count {
            let chunk = Self.body[offset..<min(offset + size, Self.body.count)]
            offset += size
            for event in try parser.feed(chunk) {
                switch event {
                case .begin(_, let filename, _):
                    name = filename ?? ""
                    content = []
                case .data(let bytes): content += bytes
                case .end: parts.append((name, String(decoding: content, as: UTF8.self)))
                }
            }
        }
        #expect(parser.isFinished)
        return parts
    }

    @Test(arguments: [1, 2, 3, 7, 16, 1000])
    func partsSurviveAnyChunking(size: Int) throws {
        let parts = try parse(chunkSize: size)
        #expect(parts.map(\.0) == ["a_1.txt", "b_2.csv"])
        #expect(parts.map(\.1) == ["hello\r\n--Xy not yet\r\n", ""])
    }

    @Test func boundaryComesFromTheContentType() {
        #expect(MultipartStreamParser.boundary(fromContentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartStreamParser.boundary(fromContentType: "multipart/form-data; boundary=\"q r\"") == "q r")
        #expect(MultipartStreamParser.boundary(fromContentType: "multipart/form-data") == nil)
    }
}
