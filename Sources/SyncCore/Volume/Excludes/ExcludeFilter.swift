/// How many listed files and bytes one rule left out, for `plan` and the run summary.
package struct ExclusionTally: Sendable, Hashable, Encodable {
    package var pattern: String
    /// `DXRSYNC_EXCLUDE`, or the ignore file and line.
    package var origin: String
    package var files: Int
    package var bytes: Int64
}

/// Leaves out of a listing what the exclude rules name: reads the `.dxrignore` files the listing
/// holds (through the source, so the local mount and the Files API alike), shallowest first and
/// never one inside an excluded folder, then drops every excluded file and counts it under the rule
/// that excluded it. The rules stay with the listing, so reconciliation can tell a file that
/// became excluded from one that was deleted.
package struct ExcludeFilter: Sendable {
    /// Ignore files are read whole; a larger one is a listing problem.
    static let maxIgnoreFileBytes: Int64 = 1_048_576

    let rules: ExcludeRules
    let scope: VolumeScope

    package init(patterns: [GlobPattern], scope: VolumeScope) {
        rules = ExcludeRules(setting: patterns, prefix: scope.prefix)
        self.scope = scope
    }

    /// The listing without its excluded files. A malformed ignore file stops the run
    /// (``ExcludeFileError``); one that cannot be read leaves its folder out and the listing
    /// incomplete, so nothing under it is uploaded or tombstoned on a guess.
    package func apply(to listing: VolumeListing, reading source: any VolumeSource) async throws(ExcludeFileError)
        -> VolumeListing
    {
        var rules = rules
        var unreadable: [String] = []
        var result = listing
        let ignoreFiles = listing.files.filter { $0.name == ExcludeRules.ignoreFileName }.sorted { $0.depth < $1.depth }
        result.excludeRules = rules
        if ignoreFiles.isEmpty && rules.isEmpty { return result }
        for file in ignoreFiles {
            let folder = file.folder
            guard rules.exclusion(ofFolderAt: folder) == nil,
                !unreadable.contains(where: { folder.isInside(folder: $0) })
            else { continue }
            let origin = scope.filePath(relativePath: file.relativePath)
            do {
                let text = try await Self.read(file, from: source)
                try rules.addIgnoreFile(in: folder, text: text, origin: origin)
            } catch let error as ExcludeFileError {
                throw error
            } catch {
                unreadable.append(folder)
                result.problems.append(
                    ListingProblem(
                        kind: .unreadableIgnoreFile, path: file.relativePath,
                        reason: "\(error); nothing below its folder was classified or tombstoned"))
            }
        }
        var tallies: [ExcludeRule: ExclusionTally] = [:]
        var verdicts: [Substring: ExcludeRule?] = [:]
        result.files = listing.files.filter { file in
            if unreadable.contains(where: { file.relativePath.isInside(folder: $0) }) { return false }
            guard let rule = rules.exclusion(ofFileAt: file.relativePath, folderVerdicts: &verdicts) else {
                return true
            }
            tallies[rule, default: ExclusionTally(pattern: rule.pattern.text, origin: rule.origin, files: 0, bytes: 0)]
                .add(file)
            return false
        }
        let order = [ExcludeRules.ignoreFileRule] + rules.all
        result.excluded = order.compactMap { tallies[$0] }
        result.excludeRules = rules
        return result
    }

    /// The text of an ignore file, read whole.
    private static func read(_ file: VolumeFile, from source: any VolumeSource) async throws -> String {
        guard file.size <= maxIgnoreFileBytes else {
            throw IgnoreFileTooLarge(size: file.size)
        }
        let contents = try await source.open(file)
        var bytes: [UInt8] = []
        do {
            while true {
                let chunk = try await contents.read(maxLength: 65_536)
                if chunk.isEmpty { break }
                bytes += chunk
            }
        } catch {
            await contents.close()
            throw error
        }
        await contents.close()
        return String(decoding: bytes, as: UTF8.self)
    }

    private struct IgnoreFileTooLarge: Error, CustomStringConvertible {
        let size: Int64
        var description: String { "it is \(ByteCount.describe(size)), more than the 1 MiB an ignore file may be" }
    }
}

extension ExclusionTally {
    fileprivate mutating func add(_ file: VolumeFile) {
        files += 1
        bytes += file.size
    }
}

extension VolumeFile {
    /// The last path segment.
    fileprivate var name: Substring { relativePath.split(separator: "/").last ?? "" }
    /// The folder holding the file, below the listed folder (`""` for it).
    fileprivate var folder: String {
        relativePath.lastIndex(of: "/").map { String(relativePath[..<$0]) } ?? ""
    }
    fileprivate var depth: Int { relativePath.utf8.count { $0 == UInt8(ascii: "/") } }
}

extension String {
    /// Whether this path is `folder` or below it, byte for byte (`""` holds every path).
    fileprivate func isInside(folder: String) -> Bool {
        folder.isEmpty || utf8.elementsEqual(folder.utf8) || utf8.starts(with: (folder + "/").utf8)
    }
}

extension VolumeSource {
    /// Lists the volume, leaves out what the exclude patterns and `.dxrignore` files name, and keeps
    /// the files of `shard`: what a sync and a plan work from.
    package func listing(of scope: VolumeScope, excluding patterns: [GlobPattern], shard: Shard?) async throws
        -> VolumeListing
    {
        try await ExcludeFilter(patterns: patterns, scope: scope).apply(to: list(), reading: self).restricted(to: shard)
    }
}
