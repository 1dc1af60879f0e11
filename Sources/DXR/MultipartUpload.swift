import Crypto
import HTTPSupport
import NIOCore
import SyncCore
import Synchronization

/// One file inside a multipart upload.
struct UploadPart: Sendable {
    /// Position of the file in its batch.
    var index: Int
    var uploadName: String
    var mimeType: String
    /// Bytes sent for this part: exactly the size the file was listed with.
    var size: Int64
    var contents: any FileContents
}

/// What the body learnt about its files while sending them (shared between the body and the
/// caller): which changed underneath, and the SHA-256 of each file sent whole, computed as it
/// streamed up.
final class UploadChanges: Sendable {
    private let reasons = Mutex<[Int: String]>([:])
    private let digests = Mutex<[Int: String]>([:])

    func record(_ index: Int, _ reason: String) { reasons.withLock { if $0[index] == nil { $0[index] = reason } } }

    func record(_ index: Int, sha256: String) { digests.withLock { $0[index] = sha256 } }

    var all: [Int: String] { reasons.withLock { $0 } }

    /// Position in the job → hex SHA-256 of the bytes sent.
    var sha256: [Int: String] { digests.withLock { $0 } }
}

/// A `multipart/form-data` body that streams each file from its source in 64 KiB chunks, so
/// memory does not grow with file or batch size. Every part is named `files`, as the ODC expects.
///
/// Each part carries exactly the listed number of bytes, so the `Content-Length` stays right even
/// when a file changes underneath: a file that shrank is padded, one that grew is cut, and both
/// are recorded in ``UploadChanges`` so their rows become `FAILED` ("changed during upload").
struct MultipartUpload: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    static let chunkSize = 64 * 1024

    let boundary: String
    let parts: [UploadPart]
    let changes: UploadChanges

    init(
        parts: [UploadPart], changes: UploadChanges,
        boundary: String = "dxrsync-" + UploadNaming.randomToken() + UploadNaming.randomToken()
    ) {
        self.parts = parts
        self.changes = changes
        self.boundary = boundary
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The exact body length.
    var contentLength: Int64 {
        parts.reduce(Int64(closing.utf8.count)) { $0 + Int64(header(for: $1).utf8.count) + $1.size + 2 }
    }

    func header(for part: UploadPart) -> String {
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(part.uploadName)\"\r\n"
            + "Content-Type: \(part.mimeType)\r\n\r\n"
    }

    var closing: String { "--\(boundary)--\r\n" }

    func makeAsyncIterator() -> Iterator { Iterator(upload: self) }

    struct Iterator: AsyncIteratorProtocol {
        enum Phase {
            case header
            case content(remaining: Int64)
            case trailer
            case closing
            case done
        }

        let upload: MultipartUpload
        var partIndex = 0
        var phase = Phase.header
        var truncated = false
        var hash = SHA256()

        init(upload: MultipartUpload) {
            self.upload = upload
            if upload.parts.isEmpty { phase = .closing }
        }

        mutating func next() async throws -> ByteBuffer? {
            switch phase {
            case .header:
                let part = upload.parts[partIndex]
                phase = .content(remaining: part.size)
                truncated = false
                hash = SHA256()
                return ByteBuffer(string: upload.header(for: part))
            case .content(let remaining):
                let part = upload.parts[partIndex]
                if remaining == 0 {
                    phase = .trailer
                    if !truncated, let change = await part.contents.changeSinceListing() {
                        upload.changes.record(part.index, change)
                    } else if !truncated {
                        upload.changes.record(part.index, sha256: ContentHash.hex(hash.finalize()))
                    }
                    return try await next()
                }
                let wanted = Int(Swift.min(remaining, Int64(MultipartUpload.chunkSize)))
                var bytes = truncated ? [] : try await part.contents.read(maxLength: wanted)
                if bytes.isEmpty {
                    if !truncated {
                        truncated = true
                        upload.changes.record(
                            part.index, "changed during upload: the file ended \(remaining) bytes early")
                    }
                    bytes = [UInt8](repeating: 0, count: wanted)
                }
                if !truncated { hash.update(data: bytes) }
                phase = .content(remaining: remaining - Int64(bytes.count))
                return ByteBuffer(bytes: bytes)
            case .trailer:
                partIndex += 1
                phase = partIndex < upload.parts.count ? .header : .closing
                return ByteBuffer(string: "\r\n")
            case .closing:
                phase = .done
                return ByteBuffer(string: upload.closing)
            case .done:
                return nil
            }
        }
    }
}

/// A file that cannot be read mid-upload fails its part; sending the request again cannot help.
extension FileAccessError: NonRetryableError {}
