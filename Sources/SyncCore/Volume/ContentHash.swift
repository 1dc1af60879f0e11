import Crypto

/// The SHA-256 of a file's bytes, read from its volume source in chunks.
package enum ContentHash {
    /// The hex digest of `file`'s bytes, or `nil` when the file cannot be read (it is then
    /// treated as changed and goes to DXR, which reports the problem).
    package static func sha256(of file: VolumeFile, from source: any VolumeSource) async -> String? {
        guard let contents = try? await source.open(file) else { return nil }
        let digest = await sha256(of: contents)
        await contents.close()
        return digest
    }

    private static func sha256(of contents: any FileContents) async -> String? {
        var hash = SHA256()
        do {
            while true {
                let chunk = try await contents.read(maxLength: 1 << 16)
                if chunk.isEmpty { break }
                hash.update(data: chunk)
            }
        } catch {
            return nil
        }
        return hex(hash.finalize())
    }

    /// Lower-case hex.
    package static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
