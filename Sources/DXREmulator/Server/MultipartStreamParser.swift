import Foundation
import Glibc

/// A streaming `multipart/form-data` parser that scans for the boundary with `memchr` and `memcmp`, so it
/// keeps up with large uploads even in debug builds and never holds more than one chunk plus a
/// boundary's length of body bytes.
struct MultipartStreamParser {
    /// What the parser found in the bytes fed to it.
    enum Event: Equatable {
        /// A part begins: its `name`, `filename` and `Content-Type`.
        case begin(name: String?, filename: String?, contentType: String?)
        /// Bytes of the current part.
        case data([UInt8])
        /// The current part ended.
        case end
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    private enum State {
        case preamble
        case headers
        case body
        case finished
    }

    /// Around header values, and around (quoted) header parameters.
    private static let spaces = CharacterSet(charactersIn: " ")
    private static let quotesAndSpaces = CharacterSet(charactersIn: " \"")

    private let delimiter: [UInt8]
    private var buffer: [UInt8] = []
    private var state = State.preamble

    /// The boundary from a `Content-Type: multipart/form-data; boundary=…` header.
    static func boundary(fromContentType contentType: String) -> String? {
        parameters(of: contentType).first { $0.key.lowercased() == "boundary" && !$0.value.isEmpty }?.value
    }

    /// The `key=value` parameters after the first `;` of a header value, quotes and spaces trimmed.
    static func parameters(of headerValue: String) -> [(key: String, value: String)] {
        headerValue.split(separator: ";").dropFirst().compactMap { parameter in
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: quotesAndSpaces) }
            return pair.count == 2 ? (pair[0], pair[1]) : nil
        }
    }

    init(boundary: String) { delimiter = Array("\r\n--\(boundary)".utf8) }

    /// Whether the closing boundary has been seen.
    var isFinished: Bool { state == .finished }

    /// Consumes `bytes` and returns the events they complete.
    mutating func feed(_ bytes: some Collection<UInt8>) throws -> [Event] {
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        var position = 0
        loop: while true {
            switch state {
            case .preamble:
                // The first boundary has no leading CRLF.
                let first = Array(delimiter.dropFirst(2))
                guard let found = search(first, from: position) else { break loop }
                guard found + first.count + 2 <= buffer.count else { break loop }
                position = found + first.count
                guard try lineEnd(at: &position) else { break loop }
            case .headers:
                guard let end = search(Array("\r\n\r\n".utf8), from: position) else { break loop }
                events.append(try parseHeaders(buffer[position..<end]))
                position = end + 4
                state = .body
            case .body:
                if let found = search(delimiter, from: position) {
                    if found > position { events.append(.data(Array(buffer[position..<found]))) }
                    guard found + delimiter.count + 2 <= buffer.count else {
                        position = found
                        break loop
                    }
                    events.append(.end)
                    position = found + delimiter.count
                    guard try lineEnd(at: &position) else { break loop }
                } else {
                    // Keep a delimiter's length minus one: the boundary may straddle two chunks.
                    let safe = max(position, buffer.count - (delimiter.count - 1))
                    if safe > position { events.append(.data(Array(buffer[position..<safe]))) }
                    position = safe
                    break loop
                }
            case .finished:
                position = buffer.count
                break loop
            }
        }
        buffer.removeFirst(position)
        return events
    }

    /// After a boundary: `--` ends the body, CRLF starts another part.
    private mutating func lineEnd(at position: inout Int) throws -> Bool {
        let next = buffer[position..<position + 2]
        if next.elementsEqual("--".utf8) {
            state = .finished
            position = buffer.count
            return false
        }
        guard next.elementsEqual("\r\n".utf8) else { throw Malformed(description: "boundary not followed by CRLF") }
        position += 2
        state = .headers
        return true
    }

    private func parseHeaders(_ bytes: ArraySlice<UInt8>) throws -> Event {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { throw Malformed(description: "bad part header line") }
            let value = String(pair[1]).trimmingCharacters(in: Self.spaces)
            switch pair[0].lowercased() {
            case "content-disposition":
                for (key, parameter) in Self.parameters(of: value) {
                    if key == "name" { name = parameter }
                    if key == "filename" { filename = parameter }
                }
            case "content-type":
                contentType = value
            default:
                break
            }
        }
        return .begin(name: name, filename: filename, contentType: contentType)
    }

    /// The first position of `needle` at or after `start` (`memchr` for the first byte, then `memcmp`).
    private func search(_ needle: [UInt8], from start: Int) -> Int? {
        guard buffer.count - start >= needle.count else { return nil }
        return buffer.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { pattern in
                let base = haystack.baseAddress!
                var offset = start
                let last = haystack.count - pattern.count
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(needle[0]), last - offset + 1) else { return nil }
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position, pattern.baseAddress!, pattern.count) == 0 { return position }
                    offset = position + 1
                }
                return nil
            }
        }
    }
}
