import NIOCore
import NIOHTTP1

/// A complete DXR response.
struct DXRResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer

    var isSuccess: Bool { (200..<300).contains(status) }

    var text: String { String(buffer: body) }
}
