import NIOCore
import NIOHTTP1

/// A complete response, its body read into memory.
public struct HTTPResponseData: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    public var isSuccess: Bool { (200..<300).contains(status) }

    public var text: String { String(buffer: body) }
}
