import Crypto

/// Receives one uploaded file as it streams in: hashes every byte, counts them, and keeps only
/// the first ``textLimit`` bytes for the detectors. A file with a NUL byte among its first 8 KiB
/// is binary: like DXR with a format it cannot read, the emulator extracts no text from it.
struct DocumentBuilder {
    /// The detectors look at most at this many leading bytes of a file.
    static let textLimit = 2 * 1024 * 1024

    let fileName: String
    let contentType: String
    private var hash = SHA256()
    private(set) var size = 0
    private var text: [UInt8] = []

    init(fileName: String, contentType: String?) {
        self.fileName = fileName
        self.contentType = contentType ?? "application/octet-stream"
    }

    mutating func append(_ bytes: [UInt8]) {
        hash.update(data: bytes)
        size += bytes.count
        if text.count < Self.textLimit { text.append(contentsOf: bytes.prefix(Self.textLimit - text.count)) }
    }

    /// The hex SHA-256 of all bytes and the leading text (`nil` for a binary file: no text extracted).
    func finish() -> (sha256: String, text: String?) {
        let digest = hash.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
        let isBinary = text.prefix(8_192).contains(0)
        return (digest, isBinary ? nil : String(decoding: text, as: UTF8.self))
    }
}
