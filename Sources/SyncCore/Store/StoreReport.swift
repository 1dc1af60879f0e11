import Foundation

/// What `dxrsync report` shows, built from aggregates both stores compute in SQL: counts and
/// bytes by status, coverage, effective label (reviews applied), detector and category, coverage
/// per folder, the files behind each label (capped), what changed since a date, and the latest
/// runs. Its size depends on the number of labels, folders and runs, never on the number of files.
package struct StoreReport: Sendable, Encodable {
    /// Files and their bytes.
    package struct Tally: Sendable, Hashable, Encodable {
        package var files: Int
        package var bytes: Int64

        package init(files: Int, bytes: Int64) {
            self.files = files
            self.bytes = bytes
        }
    }

    /// One folder's files, live rows only; `path` is relative to the scanned folder (`""` for
    /// its root), and counts include every folder below it.
    package struct Folder: Sendable, Hashable, Encodable {
        package var path: String
        package var files = 0
        package var bytes: Int64 = 0
        package var classified = 0
        /// Files whose last good classification has at least one label.
        package var withFindings = 0
        package var skipped = 0
        package var failed = 0

        package init(path: String) { self.path = path }

        enum CodingKeys: String, CodingKey {
            case path, files, bytes, classified, skipped, failed
            case withFindings = "with_findings"
        }

        mutating func add(_ other: Folder) {
            files += other.files
            bytes += other.bytes
            classified += other.classified
            withFindings += other.withFindings
            skipped += other.skipped
            failed += other.failed
        }
    }

    /// The first files (in path order) that carry a label, and how many more do.
    package struct LabelFiles: Sendable, Hashable, Encodable {
        package var files: [String]
        package var more: Int

        package init(files: [String], more: Int) {
            self.files = files
            self.more = more
        }
    }

    /// A file with findings: its path relative to the scanned folder, its size and its effective labels.
    package struct Finding: Sendable, Hashable, Encodable {
        package var path: String
        package var bytes: Int64
        package var labels: [String]

        package init(path: String, bytes: Int64, labels: [String]) {
            self.path = path
            self.bytes = bytes
            self.labels = labels.sorted()
        }
    }

    /// The files with findings the report lists (the first of each label and the first overall, so
    /// that a filter by label shows that label's first files), and how many are not listed.
    package struct Findings: Sendable, Hashable, Encodable {
        package var files: [Finding]
        package var more: Int
        /// All files with at least one effective label.
        package var total: Int
    }

    /// Labels that appeared on, or disappeared from, files since a date.
    package struct Changes: Sendable, Encodable {
        package var since: String
        /// Label → files it was added to (what became sensitive).
        package var added: [String: Int]
        /// Label → files it was removed from.
        package var removed: [String: Int]
        /// The first files each label was added to.
        package var addedFiles: [String: LabelFiles]

        enum CodingKeys: String, CodingKey {
            case since, added, removed
            case addedFiles = "added_files"
        }
    }

    package struct Run: Sendable, Encodable {
        package var runID: String
        package var startedAt: String
        package var finishedAt: String?
        package var status: String
        package var counts: RunCounts
        package var exitCode: Int?
        package var error: String?

        enum CodingKeys: String, CodingKey {
            case runID = "run_id"
            case startedAt = "started_at"
            case finishedAt = "finished_at"
            case exitCode = "exit_code"
            case status, counts, error
        }
    }

    package var table: String
    /// The scanned folder as a Unity Catalog path.
    package var scope: String
    /// Live (not tombstoned) rows.
    package var files: Int
    package var bytes: Int64
    /// Tombstoned rows.
    package var deleted: Int
    package var byStatus: [String: Tally]
    /// Files and bytes by ``Coverage``: "not evaluated" never reads as clean.
    package var coverage: [String: Tally]
    /// Effective labels: DXR's verdict less what reviews (and DXR's manually removed tags) took away.
    package var byLabel: [String: Tally]
    /// Label → files where a review took it away (the raw verdict is kept in the row).
    package var reviewedAway: [String: Int]
    package var byDetector: [String: Tally]
    package var byCategory: [String: Tally]
    /// Folders down to ``folderDepth`` levels, in path order.
    package var folders: [Folder]
    /// Each volume under the scope (its `path` the volume's `/Volumes/…` path), in path order: one
    /// for a volume's own report, every volume of a table written by a `DXRSYNC_SCOPE` run.
    package var volumes: [Folder]
    package var filesByLabel: [String: LabelFiles]
    /// The listed files with at least one effective label, in path order.
    package var filesWithFindings: Findings
    /// What changed since `--since`, when asked.
    package var changes: Changes?
    package var runs: [Run]

    /// The coverage classes in the order people read them, each with what it means: the page
    /// draws its chart from these, so a class and its wording live in one place (``Coverage``).
    package var coverageClasses = Self.coverageClasses

    /// How deep ``folders`` goes.
    package static let folderDepth = 3

    enum CodingKeys: String, CodingKey {
        case table, scope, files, bytes, deleted, folders, runs, volumes
        case byStatus = "by_status"
        case coverage
        case coverageClasses = "coverage_classes"
        case byLabel = "by_label"
        case reviewedAway = "reviewed_away"
        case changes
        case byDetector = "by_detector"
        case byCategory = "by_category"
        case filesByLabel = "files_by_label"
        case filesWithFindings = "files_with_findings"
    }

    /// Assembles the report from a store's aggregates and its latest runs.
    package init(table: String, query: ReportQuery, aggregates: ReportAggregates, runs: [RunRecord]) {
        self.table = table
        scope = query.scope
        files = aggregates.totals.files
        bytes = aggregates.totals.bytes
        deleted = aggregates.deleted
        byStatus = aggregates.byStatus
        coverage = aggregates.coverage
        byLabel = aggregates.byLabel
        reviewedAway = aggregates.reviewedAway
        byDetector = aggregates.byDetector
        byCategory = aggregates.byCategory
        folders = Self.rolledUp(aggregates.directories)
        volumes = Self.volumes(aggregates.directories, under: query.scope)
        filesByLabel = Self.capped(aggregates.labelFiles, totals: aggregates.byLabel.mapValues(\.files))
        filesWithFindings = Findings(
            files: aggregates.findings, more: max(0, aggregates.filesWithFindings - aggregates.findings.count),
            total: aggregates.filesWithFindings)
        changes = query.since.map { since in
            Changes(
                since: Timestamps.text(since), added: aggregates.added, removed: aggregates.removed,
                addedFiles: Self.capped(aggregates.addedFiles, totals: aggregates.added))
        }
        self.runs = runs.map {
            Run(
                runID: $0.runID, startedAt: Timestamps.text($0.startedAt),
                finishedAt: $0.finishedAt.map(Timestamps.text),
                status: $0.status.rawValue, counts: $0.counts, exitCode: $0.exitCode, error: $0.error)
        }
    }

    /// The listed files of each label, with how many more there are of its `totals`.
    static func capped(_ listed: [(label: String, path: String)], totals: [String: Int]) -> [String: LabelFiles] {
        var paths: [String: [String]] = [:]
        for (label, path) in listed { paths[label, default: []].append(path) }
        return Dictionary(
            uniqueKeysWithValues: totals.map { label, total in
                let shown = paths[label] ?? []
                return (label, LabelFiles(files: shown, more: max(0, total - shown.count)))
            })
    }

    /// Each directory's counts added to itself and its ancestors, down to ``folderDepth`` levels.
    static func rolledUp(_ directories: [Folder]) -> [Folder] {
        var folders: [String: Folder] = [:]
        for directory in directories {
            let segments = directory.path.split(separator: "/", omittingEmptySubsequences: true)
            for depth in 0...min(segments.count, folderDepth) {
                let path = segments.prefix(depth).joined(separator: "/")
                folders[path, default: Folder(path: path)].add(directory)
            }
        }
        return folders.values.sorted { PathKey($0.path) < PathKey($1.path) }
    }

    /// The directories' counts added up per volume: a directory's path, relative to `scope`, made
    /// absolute, gives its volume's `/Volumes/<catalog>/<schema>/<volume>`.
    static func volumes(_ directories: [Folder], under scope: String) -> [Folder] {
        var volumes: [String: Folder] = [:]
        for directory in directories {
            let absolute = directory.path.isEmpty ? scope : scope + "/" + directory.path
            let segments = absolute.split(separator: "/", omittingEmptySubsequences: true)
            guard segments.count >= 4 else { continue }
            let path = "/" + segments.prefix(4).joined(separator: "/")
            volumes[path, default: Folder(path: path)].add(directory)
        }
        return volumes.values.sorted { PathKey($0.path) < PathKey($1.path) }
    }

    /// The report for people.
    package var text: String {
        func counted(_ title: String, _ values: [String: Tally]) -> [String] {
            [title]
                + (values.isEmpty
                    ? ["  (none)"]
                    : values.sorted { ($1.value.files, $0.key) < ($0.value.files, $1.key) }.map {
                        "  \($0.key): \($0.value.files) files, \(ByteCount.describe($0.value.bytes))"
                    })
        }
        var lines = ["Table \(table), \(scope): \(files) files, \(ByteCount.describe(bytes)) (\(deleted) deleted)"]
        lines += counted("By status:", byStatus)
        lines.append("Coverage (share of files / of bytes):")
        for coverage in Self.coverageOrder where self.coverage[coverage] != nil {
            let tally = self.coverage[coverage]!
            lines.append(
                "  \(coverage): \(tally.files) files, \(ByteCount.describe(tally.bytes)) "
                    + "(\(Self.percent(tally.files, of: files)) / \(Self.percent(tally.bytes, of: bytes)))")
        }
        lines.append(
            "Files with findings (reviews applied): \(filesWithFindings.total) "
                + "(\(Self.percent(filesWithFindings.total, of: files)))")
        lines += counted("By label (reviews applied):", byLabel)
        if !reviewedAway.isEmpty {
            lines.append(
                "Reviewed away: "
                    + reviewedAway.sorted { $0.key < $1.key }.map { "\($0.key) on \($0.value) files" }.joined(
                        separator: ", "))
        }
        lines += counted("By detector:", byDetector)
        lines += counted("By category:", byCategory)
        if volumes.count > 1 {
            lines.append(
                "By volume (\(volumes.count) volumes; classified / with findings / skipped / failed of all files):")
            for volume in volumes {
                lines.append(
                    "  \(volume.path): \(volume.classified) / \(volume.withFindings) / \(volume.skipped) / "
                        + "\(volume.failed) of \(volume.files), \(ByteCount.describe(volume.bytes))")
            }
        }
        lines.append("Coverage by folder (classified / with findings / skipped / failed of all files):")
        let topLevel = folders.filter { !$0.path.isEmpty && !$0.path.contains("/") }
        for folder in topLevel.isEmpty ? folders : topLevel {
            lines.append(
                "  \(folder.path.isEmpty ? "." : folder.path): \(folder.classified) / \(folder.withFindings) / "
                    + "\(folder.skipped) / \(folder.failed) of \(folder.files)")
        }
        lines.append("Files per label:")
        for (label, listed) in filesByLabel.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "  \(label): " + listed.files.joined(separator: ", ")
                    + (listed.more > 0 ? " and \(listed.more) more" : ""))
        }
        if let changes {
            lines.append("Since \(changes.since):")
            if changes.added.isEmpty && changes.removed.isEmpty { lines.append("  no label changed") }
            for (label, count) in changes.added.sorted(by: { $0.key < $1.key }) {
                let listed = changes.addedFiles[label]
                lines.append(
                    "  + \(label) on \(count) files: " + (listed?.files.joined(separator: ", ") ?? "")
                        + ((listed?.more ?? 0) > 0 ? " and \(listed!.more) more" : ""))
            }
            for (label, count) in changes.removed.sorted(by: { $0.key < $1.key }) {
                lines.append("  - \(label) from \(count) files")
            }
        }
        lines.append("Latest runs:")
        for run in runs {
            lines.append(
                "  \(run.startedAt) \(run.status) listed \(run.counts.listed), uploaded \(run.counts.submitted), "
                    + "classified \(run.counts.classified), skipped \(run.counts.skipped), failed \(run.counts.failed)"
                    + (run.error.map { " (\($0))" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    /// A coverage class and what it means.
    package struct CoverageClass: Sendable, Hashable, Encodable {
        package var key: String
        package var title: String
    }

    /// Coverage classes in the order people read them; `NOT_EVALUATED` for rows the playbook wrote.
    package static let coverageClasses =
        Coverage.allCases.map { CoverageClass(key: $0.rawValue, title: $0.title) }
        + [CoverageClass(key: "NOT_EVALUATED", title: "not evaluated (written by the playbook)")]

    /// The keys of ``coverageClasses``.
    package static let coverageOrder = coverageClasses.map(\.key)

    /// `part` of `whole` as a percentage with one decimal.
    package static func percent<Number: BinaryInteger>(_ part: Number, of whole: Number) -> String {
        guard whole > 0 else { return "0.0%" }
        return String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }
}
