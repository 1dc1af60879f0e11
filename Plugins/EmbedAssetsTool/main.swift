import Foundation

// `EmbedAssetsTool OUTPUT FILE…`, run by the EmbedAssets plugin: writes OUTPUT, a Swift file with
// an `Assets` enum holding each FILE's text, exactly, as a string constant named after the file
// (`report.js` → `reportJS`: the words of the name in lower camel case, the extension in capitals).
// A file may hold no control character but tabs and line feeds (no carriage return either).

/// The constant's name for a file name.
func constantName(_ fileName: String) -> String {
    let words = fileName.split { !$0.isLetter && !$0.isNumber }.map(String.init)
    guard let first = words.first, words.count > 1 else { return fileName }
    let middle = words.dropFirst().dropLast().map { $0.prefix(1).uppercased() + $0.dropFirst() }
    return first.prefix(1).lowercased() + first.dropFirst() + middle.joined() + words[words.count - 1].uppercased()
}

/// A file with a character Swift source cannot hold as it is.
struct UnprintableAsset: Error, CustomStringConvertible {
    var path: String
    var description: String { "\(path): a control character other than a tab or a line feed; write it as an escape" }
}

/// A multi-line raw string literal holding `text` exactly: its delimiter has one `#` more than the
/// longest run of them in the text, so nothing in the text ends the literal or starts an escape.
func literal(_ text: String, of path: String) throws -> String {
    let unprintable = text.unicodeScalars.contains {
        $0 != "\n" && $0 != "\t" && $0.properties.generalCategory == .control
    }
    guard !unprintable else { throw UnprintableAsset(path: path) }
    let hashes = String(repeating: "#", count: (text.split { $0 != "#" }.map(\.count).max() ?? 0) + 1)
    return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedAssetsTool OUTPUT FILE…\n".utf8))
    exit(2)
}
do {
    var source = "// Written by the EmbedAssets build plugin from the target's Assets folder: edit those files.\n\n"
    source += "/// The files of the target's `Assets` folder, as text.\nenum Assets {\n"
    for path in arguments.dropFirst() {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let text = try String(contentsOfFile: path, encoding: .utf8)
        source += "    /// `Assets/\(name)`.\n    static let \(constantName(name)) = \(try literal(text, of: path))\n"
    }
    try Data((source + "}\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("EmbedAssetsTool: \(error)\n".utf8))
    exit(1)
}
