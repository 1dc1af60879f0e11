import Foundation
import NIOCore
import SyncCore
import TestSupport
import Testing

@testable import DXR
@testable import DXREmulator

/// The multipart writer and the hit mapper fed seeded random input: the body always has its
/// announced length and parses back into the same parts, and any hit maps without a crash.
@Suite struct WriterFuzzTests {
    /// Byte strings that trouble multipart parsing: CRLFs, dashes, look-alikes of the boundary
    /// (whose random part a file cannot know), part headers.
    static let nasty: [[UInt8]] = [
        Array("\r\n".utf8), Array("--".utf8), Array("\r\n--dxrsync-".utf8), Array("--dxrsync---\r\n".utf8), [0],
        [0xFF, 0xFE],
        Array("Content-Disposition: form-data; name=\"files\"\r\n\r\n".utf8), Array("é🔒".utf8), [13], [10],
    ]

    @Test(arguments: [11, 12, 13])
    func randomBodiesHaveTheirLengthAndParseBackIntoTheSameParts(seed: UInt64) async throws {
        var generator = SeededGenerator(seed: seed)
        for round in 0..<8 {
            let volume = TemporaryDirectory("fuzz-multipart")
            var expected: [[UInt8]] = []
            for index in 0..<Int.random(in: 1...6, using: &generator) {
                var bytes: [UInt8] = []
                for _ in 0..<Int.random(in: 0...40, using: &generator) {
                    if Bool.random(using: &generator) {
                        bytes += Self.nasty.randomElement(using: &generator)!
                    } else {
                        bytes += (0..<Int.random(in: 1...3_000, using: &generator)).map { _ in
                            UInt8.random(in: 0...255, using: &generator)
                        }
                    }
                }
                try volume.write("f\(index)", data: Data(bytes))
                expected.append(bytes)
            }
            let source = LocalVolumeSource(root: volume.path)
            let files = try await source.list().files
            var parts: [UploadPart] = []
            for (index, file) in files.enumerated() {
                let name = UploadNaming.uploadName(for: "we\"ird\r\nname \(round)-\(index).txt", token: "t0k3n")
                parts.append(
                    UploadPart(
                        index: index, uploadName: name, mimeType: "text/plain", size: file.size,
                        contents: try await source.open(file)))
            }
            let upload = MultipartUpload(parts: parts, changes: UploadChanges())
            var body: [UInt8] = []
            for try await chunk in upload { body += chunk.readableBytesView }
            for part in parts { await part.contents.close() }
            #expect(Int64(body.count) == upload.contentLength)

            // Parse it back in random chunk sizes with the emulator's parser.
            var parser = MultipartStreamParser(boundary: upload.boundary)
            var received: [[UInt8]] = []
            var names: [String] = []
            var offset = 0
            while offset < body.count {
                let size = Int.random(in: 1...5_000, using: &generator)
                for event in try parser.feed(body[offset..<min(offset + size, body.count)]) {
                    switch event {
                    case .begin(_, let filename, _):
                        received.append([])
                        names.append(filename ?? "")
                    case .data(let bytes): received[received.count - 1] += bytes
                    case .end: break
                    }
                }
                offset += size
            }
            #expect(received.count == expected.count)
            #expect(received == expected, "part bytes differ")
            #expect(names == parts.map(\.uploadName))
            #expect(names.allSatisfy { !$0.contains("\"") && !$0.contains("\r") && !$0.contains("\n") })
        }
    }

    static func randomJSON(_ generator: inout SeededGenerator, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0...(depth > 2 ? 3 : 5), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .number(Double.random(in: -1e12...1e12, using: &generator).rounded())
        case 3:
            return .string(["", "PII", "x\u{0}y", "é", "\u{202E}", "1e400", "-0"].randomElement(using: &generator)!)
        case 4:
            return .array(
                (0..<Int.random(in: 0...4, using: &generator)).map { _ in randomJSON(&generator, depth: depth + 1) })
        default:
            return .object(
                Dictionary(
                    (0..<Int.random(in: 0...4, using: &generator)).map { index in
                        ("k\(index)", randomJSON(&generator, depth: depth + 1))
                    }, uniquingKeysWith: { first, _ in first }))
        }
    }

    @Test(arguments: [21, 22, 23])
    func anyHitMapsToARowWithoutTextOrPhrases(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let keys = [
            "ds#file_name", "dxr#tags", "dxr#datasource_scan_id", "ai#category", "dxr#raw_text", "annotation.1",
            "annotators", "dxr#sha_256_hash", "dxr#mime_type", "dxr#file_name",
        ]
        for _ in 0..<2_000 {
            var source: [String: JSONValue] = [:]
            for key in keys where Bool.random(using: &generator) { source[key] = Self.randomJSON(&generator) }
            _ = HitMapping.uploadName(of: source)
            _ = HitMapping.labelIDs(of: source)
            _ = HitMapping.annotatorIDs(of: source)
            let raw = HitMapping.rawMetadata(of: source)
            let decoded = try JSONDecoder().decode([String: JSONValue].self, from: Data(raw.utf8))
            #expect(decoded["dxr#raw_text"] == nil && decoded["annotation.1"] == nil)
        }
    }
}
