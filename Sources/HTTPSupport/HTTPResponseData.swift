import Foundation
import NIOCore
import NIOHTTP1

/// A complete response, its body read into memory.
package struct HTTPResponseData: Sendable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: ByteBuffer

    package var isSuccess: Bool { (200..<300).contains(status) }

    package var text: String { String(buffer: body) }

    /// The body decoded as JSON of type `type`; a body that is not that JSON is an
    /// ``HTTPRequestError`` naming the request and quoting the start of the body.
    package func decoded<Answer: Decodable>(_ type: Answer.Type, method: String, path: String) throws -> Answer {
        do {
            return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
        } catch {
            throw HTTPRequestError(
                method: method, path: path, status: status,
                detail: "the answer is not the JSON expected: " + HTTPRequestError.excerpt(text, limit: 200),
                attempts: 1)
        }
    }
}
