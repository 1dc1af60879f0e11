import AsyncHTTPClient
import NIOCore
import SyncCore

/// A file being downloaded through the Files API, read chunk by chunk as the upload asks for it.
actor FilesAPIFileContents: FileContents {
    private var iterator: HTTPClientResponse.Body.AsyncIterator?
    private var pending = ByteBuffer()

    init(body: HTTPClientResponse.Body) { iterator = body.makeAsyncIterator() }

    func read(maxLength: Int) async throws -> [UInt8] {
        while pending.readableBytes == 0 {
            guard var current = iterator, let chunk = try await current.next(isolation: #isolation) else { return [] }
            iterator = current
            pending = chunk
        }
        return pending.readBytes(length: min(maxLength, pending.readableBytes)) ?? []
    }

    /// The size was checked against the listing when the download started; a body that ends early
    /// is caught by the upload, which pads and flags it.
    func changeSinceListing() async -> String? { nil }

    func close() async {
        iterator = nil
        pending = ByteBuffer()
    }
}
