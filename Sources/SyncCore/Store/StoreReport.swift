/// What `dxrsync report` shows, built from aggregates both stores compute in SQL: counts and
/// bytes by status, label, detector and category, coverage per folder, the files behind each label
/// (capped), and the latest runs. Its size depends on the number of labels, folders and runs,
/// never on the number of files.
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
    package var byLabel: [String: Tally]
    package var byDetector: [String: Tally]
    package var byCategory: [String: Tally]
    /// Folders down to ``folderDepth`` levels, in path order.
    package var folders: [Folder]
    package var filesByLabel: [String: LabelFiles]
    package var runs: [Run]

    /// How deep ``folders`` goes.
    package static let folderDepth = 3

    enum CodingKeys: String, CodingKey {
        case table, scope, files, bytes, deleted, folders, runs
        case byStatus = "by_status"
        case byLabel = "by_label"
        case byDetector = "by_detector"
        case byCategory = "by_category"
        case filesByLabel = "files_by_label"
    }

    /// Assembles the report from a store's aggregates and its latest runs.
    package init(table: String, scope: String, aggregates: ReportAggregates, runs: [RunRecord]) {
        self.table = table
        self.scope = scope
        files = aggregates.totals.files
        bytes = aggregates.totals.bytes
        deleted = aggregates.deleted
        byStatus = aggregates.byStatus
        byLabel = aggregates.byLabel
        byDetector = aggregates.byDetector
        byCategory = aggregates.byCategory
        folders = Self.rolledUp(aggregates.directories)
        var listed: [String: [String]] = [:]
        for (label, path) in aggregates.labelFiles { listed[label, default: []].append(path) }
        filesByLabel = Dictionary(
            uniqueKeysWithValues: aggregates.byLabel.map { label, tally in
                let paths = listed[label] ?? []
                return (label, LabelFiles(files: paths, more: max(0, tally.files - paths.count)))
            })
        self.runs = runs.map {
            Run(
                runID: $0.runID, startedAt: Timestamps.text($0.startedAt),
                finishedAt: $0.finishedAt.map(Timestamps.text),
                status: $0.status.rawValue, counts: $0.counts, exitCode: $0.exitCode, error: $0.error)
        }
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
        lines += counted("By label:", byLabel)
        lines += counted("By detector:", byDetector)
        lines += counted("By category:", byCategory)
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
        lines.append("Latest runs:")
        for run in runs {
            lines.append(
                "  \(run.startedAt) \(run.status) listed \(run.counts.listed), uploaded \(run.counts.submitted), "
                    + "classified \(run.counts.classified), skipped \(run.counts.skipped), failed \(run.counts.failed)"
                    + (run.error.map { " (\($0))" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}
