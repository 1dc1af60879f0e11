/// Names files are uploaded under. Same-name uploads overwrite each other inside an ODC
/// datasource, so every upload gets a unique name that keeps the extension, for example
/// `report_3f9a2c1d5e6b.pdf`; hits are matched back by this exact name.
enum UploadNaming {
    /// A unique, header-safe name for `file` (`token` is 12 hex digits).
    static func uploadName(for relativePath: String, token: String) -> String {
        let name = relativePath.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        var stem = name
        var ext = ""
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let candidate = String(name[name.index(after: dot)...])
            if (1...10).contains(candidate.count), candidate.allSatisfy(\.isLetterOrDigitASCII) {
                stem = String(name[..<dot])
                ext = "." + candidate
            }
        }
        // Letters, digits, '-' and '.', never a leading '.' (no hidden names).
        let safeStem = String(
            stem.enumerated().map { offset, character in
                character.isLetterOrDigitASCII || character == "-" || (character == "." && offset > 0) ? character : "_"
            }.prefix(80))
        return (safeStem.isEmpty ? "file" : safeStem) + "_" + token + ext
    }

    /// 12 random hex digits.
    static func randomToken() -> String {
        let value = UInt64.random(in: 0..<(1 << 48))
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 12 - hex.count) + hex
    }

    /// The MIME type DXR is told, by extension; `application/octet-stream` when unknown.
    static func mimeType(for relativePath: String) -> String {
        let ext = relativePath.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return mimeTypes[ext] ?? "application/octet-stream"
    }

    private static let mimeTypes: [String: String] = [
        "txt": "text/plain", "log": "text/plain", "md": "text/markdown", "csv": "text/csv",
        "tsv": "text/tab-separated-values",
        "json": "application/json", "xml": "application/xml", "html": "text/html", "htm": "text/html",
        "yaml": "application/yaml", "yml": "application/yaml", "pdf": "application/pdf", "rtf": "application/rtf",
        "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "eml": "message/rfc822", "msg": "application/vnd.ms-outlook", "zip": "application/zip",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "tif": "image/tiff",
        "tiff": "image/tiff", "parquet": "application/vnd.apache.parquet",
    ]
}

extension Character {
    fileprivate var isLetterOrDigitASCII: Bool { isASCII && (isLetter || isNumber) }
}
