import Foundation
import SyncCore

/// The shape of a volume that exists only in its listing: `tops` top folders, each of `subs`
/// subfolders, each of `files` files (`t042/s017/f000123.pdf`), numbered 0 to ``count`` - 1 in
/// the byte order of their paths. Each file's size and modification time are drawn from
/// ``SeededGenerator`` seeded by the tree's seed and the file's number, so any part of the tree is
/// the same in every process that builds it.
struct SyntheticTree: Sendable, Hashable, CustomStringConvertible {
    let tops: Int
    let subs: Int
    let files: Int
    let seed: UInt64

    /// The extensions files take in turn.
    static let extensions = ["pdf", "docx", "txt", "csv", "xlsx"]

    /// `100x100x1000`, every count from 1 to 1000 (files up to 1,000,000).
    init?(parsing text: String, seed: UInt64) {
        let counts = text.split(separator: "x").compactMap { Int($0) }
        guard counts.count == 3, (1...1_000).contains(counts[0]), (1...1_000).contains(counts[1]),
            (1...1_000_000).contains(counts[2])
        else { return nil }
        (tops, subs, files, self.seed) = (counts[0], counts[1], counts[2], seed)
    }

    /// Every file of the tree.
    var count: Int { tops * subs * files }

    var description: String { "\(tops)x\(subs)x\(files)" }

    /// The file numbered `index`, as a listing shows it.
    func file(_ index: Int) -> VolumeFile {
        var generator = SeededGenerator(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        // Sizes spread evenly over the powers of two from 128 B to 16 MiB (a median near 45 KiB),
        // times over about three years.
        let exponent = 7 + Double(generator.next() % 1_000_000) / 1_000_000 * 17
        let size = Int64(exp2(exponent))
        let modified = 1_600_000_000 + Int64(generator.next() % 100_000_000)
        return VolumeFile(relativePath: path(index), size: size, modified: FileTime(seconds: modified))
    }

    /// `t042/s017/f000123.pdf`: the top folder, the subfolder and the file's number in it.
    func path(_ index: Int) -> String {
        let (folder, number) = index.quotientAndRemainder(dividingBy: files)
        let (top, sub) = folder.quotientAndRemainder(dividingBy: subs)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        bytes.append(UInt8(ascii: "t"))
        bytes.appendDigits(top, width: 3)
        bytes += [UInt8(ascii: "/"), UInt8(ascii: "s")]
        bytes.appendDigits(sub, width: 3)
        bytes += [UInt8(ascii: "/"), UInt8(ascii: "f")]
        bytes.appendDigits(number, width: 6)
        bytes.append(UInt8(ascii: "."))
        bytes += Self.extensions[index % Self.extensions.count].utf8
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The number of the file at `relativePath`, or `nil` when the tree has no such file.
    func index(of relativePath: String) -> Int? {
        let parts = relativePath.split(separator: "/")
        guard parts.count == 3, let top = Self.number(parts[0], mark: "t", width: 3), top < tops,
            let sub = Self.number(parts[1], mark: "s", width: 3), sub < subs,
            let dot = parts[2].firstIndex(of: "."),
            let number = Self.number(parts[2][..<dot], mark: "f", width: 6), number < files
        else { return nil }
        let index = (top * subs + sub) * files + number
        return path(index) == relativePath ? index : nil
    }

    /// The numbers of the files in `folder` (`""`, `t042` or `t042/s017`): everything below it,
    /// or (not `recursive`) only the files directly in it; empty for a folder the tree lacks.
    func range(of folder: String, recursive: Bool) -> Range<Int> {
        switch folderPosition(folder) {
        case .root: recursive ? 0..<count : 0..<0
        case .top(let top): recursive ? top * subs * files..<(top + 1) * subs * files : 0..<0
        case .sub(let top, let sub):
            (top * subs + sub) * files..<(top * subs + sub + 1) * files
        case nil: 0..<0
        }
    }

    /// The folders directly inside `folder`, relative to the root.
    func subfolders(of folder: String) -> [String] {
        switch folderPosition(folder) {
        case .root: (0..<tops).map { Self.name("t", $0, width: 3) }
        case .top(let top): (0..<subs).map { Self.name("t", top, width: 3) + "/" + Self.name("s", $0, width: 3) }
        case .sub, nil: []
        }
    }

    /// Where a folder is in the tree.
    private enum FolderPosition {
        case root
        case top(Int)
        case sub(Int, Int)
    }

    private func folderPosition(_ folder: String) -> FolderPosition? {
        if folder.isEmpty { return .root }
        let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
        guard let top = Self.number(parts[0], mark: "t", width: 3), top < tops else { return nil }
        if parts.count == 1 { return .top(top) }
        guard parts.count == 2, let sub = Self.number(parts[1], mark: "s", width: 3), sub < subs else { return nil }
        return .sub(top, sub)
    }

    /// `mark` followed by exactly `width` digits.
    private static func number(_ text: Substring, mark: Character, width: Int) -> Int? {
        guard text.count == width + 1, text.first == mark, text.dropFirst().allSatisfy(\.isASCIIDigit) else {
            return nil
        }
        return Int(text.dropFirst())
    }

    private static func name(_ mark: Character, _ number: Int, width: Int) -> String {
        var bytes = Array(String(mark).utf8)
        bytes.appendDigits(number, width: width)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension [UInt8] {
    /// Appends `number` in decimal, zero-padded to `width` digits.
    fileprivate mutating func appendDigits(_ number: Int, width: Int) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = number
        for position in digits.indices.reversed() where rest > 0 {
            digits[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        self += digits
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension SyntheticTree {
    /// The tree `--tree TOPSxSUBSxFILES` (`100x100x1000` by default) with `--seed` (42).
    init(_ arguments: Arguments) throws(UsageError) {
        let seed = try arguments.parsed("seed", default: "42") { UInt64($0) }
        self = try arguments.parsed("tree", default: "100x100x1000") { SyntheticTree(parsing: $0, seed: seed) }
    }
}
