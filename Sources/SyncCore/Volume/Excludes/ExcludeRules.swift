/// A pattern and where it was written, for messages, the plan's tally and tombstone reasons.
package struct ExcludeRule: Sendable, Hashable {
    package let pattern: GlobPattern
    /// `DXRSYNC_EXCLUDE`, or the ignore file's Unity Catalog path and line
    /// (`/Volumes/main/hr/docs/raw/.dxrignore:3`).
    package let origin: String

    package init(pattern: GlobPattern, origin: String) {
        self.pattern = pattern
        self.origin = origin
    }

    /// What a row excluded by this rule says (`status_reason`).
    package var reason: String { "excluded by '\(pattern)' (\(origin))" }
}

/// Which paths a run leaves out: the `DXRSYNC_EXCLUDE` patterns (relative to the volume) and the
/// `.dxrignore` files found in the listing (each relative to its own folder and applying below it).
/// As in git, later patterns win over earlier ones, a deeper ignore file over a shallower one, and a
/// file inside an excluded folder cannot be re-included. Ignore files themselves are never classified.
package struct ExcludeRules: Sendable, Hashable {
    /// The name of the ignore files a steward drops into a folder.
    package static let ignoreFileName = ".dxrignore"
    /// What excludes the ignore files themselves.
    static let ignoreFileRule = ExcludeRule(
        pattern: try! GlobPattern(ignoreFileName), origin: "ignore files are instructions, not data")

    /// The patterns of `DXRSYNC_EXCLUDE`.
    private let setting: [ExcludeRule]
    /// Folder inside the volume (`""` for its root) → the rules of its ignore file.
    private var folders: [String: [ExcludeRule]] = [:]
    /// The listed folder inside the volume (`VOLUME_PREFIX`) as segments: listed paths are below it.
    private let base: [Substring]

    /// The setting's patterns, for a listing of the folder `prefix` of the volume (`nil`: its root).
    package init(setting: [GlobPattern], prefix: String?) {
        self.setting = setting.map { ExcludeRule(pattern: $0, origin: Settings.exclude.name) }
        base = prefix.map { $0.split(separator: "/") } ?? []
    }

    /// Every rule in the order they apply, the setting's first.
    package var all: [ExcludeRule] {
        setting + folders.keys.sorted { PathKey($0) < PathKey($1) }.flatMap { folders[$0] ?? [] }
    }

    /// Whether the setting and the ignore files read so far exclude nothing but ignore files.
    var isEmpty: Bool { setting.isEmpty && folders.isEmpty }

    /// Adds the ignore file of the folder at `relativeFolder` (below the listed folder; `""` for it),
    /// whose Unity Catalog path is `origin`. Lines are gitignore lines: blank and `#` lines are
    /// skipped, `\#` and `\!` escape, trailing spaces are dropped unless escaped.
    package mutating func addIgnoreFile(in relativeFolder: String, text: String, origin: String)
        throws(ExcludeFileError)
    {
        var rules: [ExcludeRule] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("\\#") { line.removeFirst() }
            do {
                rules.append(ExcludeRule(pattern: try GlobPattern(String(line)), origin: "\(origin):\(number + 1)"))
            } catch {
                throw ExcludeFileError(file: origin, line: number + 1, problem: error)
            }
        }
        let folder = (base + relativeFolder.split(separator: "/")).joined(separator: "/")
        folders[folder] = rules
    }

    /// The rule that excludes the file at `relativePath` (below the listed folder), or `nil`.
    /// `folderVerdicts` remembers the verdict on each folder met, so a sorted listing decides each
    /// folder once.
    package func exclusion(ofFileAt relativePath: String, folderVerdicts: inout [Substring: ExcludeRule?])
        -> ExcludeRule?
    {
        let path = base + relativePath.split(separator: "/")
        guard path.last != Substring(Self.ignoreFileName) else { return Self.ignoreFileRule }
        return exclusion(of: path, isFolder: false, folderVerdicts: &folderVerdicts)
    }

    /// The rule that excludes the file at `relativePath`, or `nil`.
    package func exclusion(ofFileAt relativePath: String) -> ExcludeRule? {
        var verdicts: [Substring: ExcludeRule?] = [:]
        return exclusion(ofFileAt: relativePath, folderVerdicts: &verdicts)
    }

    /// The rule that excludes the folder at `relativeFolder` (`""`: the listed folder), or `nil`.
    func exclusion(ofFolderAt relativeFolder: String) -> ExcludeRule? {
        var verdicts: [Substring: ExcludeRule?] = [:]
        let path = base + relativeFolder.split(separator: "/")
        return path.isEmpty ? nil : exclusion(of: path, isFolder: true, folderVerdicts: &verdicts)
    }

    /// An excluded folder on the way excludes the path; otherwise the path's own verdict.
    private func exclusion(of path: [Substring], isFolder: Bool, folderVerdicts: inout [Substring: ExcludeRule?])
        -> ExcludeRule?
    {
        if isEmpty { return nil }
        for depth in 1..<path.count {
            let folder = path[..<depth]
            let key = Substring(folder.joined(separator: "/"))
            let verdict: ExcludeRule?
            if let known = folderVerdicts[key] {
                verdict = known
            } else {
                verdict = decide(folder, isFolder: true)
                folderVerdicts[key] = verdict
            }
            if let verdict { return verdict }
        }
        return decide(path[...], isFolder: isFolder)
    }

    /// The last matching rule decides: a negated one includes.
    private func decide(_ path: ArraySlice<Substring>, isFolder: Bool) -> ExcludeRule? {
        var verdict: ExcludeRule?
        func apply(_ rules: [ExcludeRule], to relative: ArraySlice<Substring>) {
            let segments = Array(relative)
            for rule in rules where rule.pattern.matches(segments, isFolder: isFolder) {
                verdict = rule.pattern.isNegated ? nil : rule
            }
        }
        apply(setting, to: path)
        for depth in 0..<path.count {
            if let rules = folders[path[path.startIndex..<path.startIndex + depth].joined(separator: "/")] {
                apply(rules, to: path[(path.startIndex + depth)...])
            }
        }
        return verdict
    }
}

/// A malformed line in an ignore file: the run stops before any upload (exit 2), naming it.
package struct ExcludeFileError: RunFailure, Sendable, Hashable {
    /// The ignore file's Unity Catalog path.
    package let file: String
    package let line: Int
    package let problem: GlobPatternError

    package var kind: FailureKind { .configuration }

    package var description: String {
        "\(file) line \(line): \(problem); fix or delete the line (nothing was uploaded)"
    }
}
