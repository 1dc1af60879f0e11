/// What `dxrsync report` shows: counts by status, label and detector, the files behind each
/// label, and the latest runs.
package struct StoreReport: Sendable, Encodable {
    package struct Run: Sendable, Encodable {
        package var runID: String
        package var startedAt: String
        package var finishedAt: String?
        package var status: String
        package var counts: RunCounts
        package var error: String?

        enum CodingKeys: String, CodingKey {
            case runID = "run_id"
            case startedAt = "started_at"
            case finishedAt = "finished_at"
            case status, counts, error
        }
    }

    package var table: String
    package var files: Int
    package var deleted: Int
    package var byStatus: [String: Int]
    package var byLabel: [String: Int]
    package var byAnnotator: [String: Int]
    package var filesByLabel: [String: [String]]
    package var runs: [Run]

    /// Summarises the live (not tombstoned) rows and the runs.
    package init(table: String, records: [FileRecord], runs: [RunRecord]) {
        let live = records.filter { $0.deletedAt == nil }
        self.table = table
        files = live.count
        deleted = records.count - live.count
        byStatus = Dictionary(live.map { ($0.status.rawValue, 1) }, uniquingKeysWith: +)
        byLabel = Dictionary(live.flatMap { $0.labels.map { ($0, 1) } }, uniquingKeysWith: +)
        byAnnotator = Dictionary(live.flatMap { $0.annotators.map { ($0, 1) } }, uniquingKeysWith: +)
        filesByLabel = Dictionary(
            live.flatMap { record in record.labels.map { ($0, [record.relativePath]) } }, uniquingKeysWith: +)
        self.runs = runs.map {
            Run(
                runID: $0.runID, startedAt: Timestamps.text($0.startedAt),
                finishedAt: $0.finishedAt.map(Timestamps.text),
                status: $0.status.rawValue, counts: $0.counts, error: $0.error)
        }
    }

    enum CodingKeys: String, CodingKey {
        case table, files, deleted
        case byStatus = "by_status"
        case byLabel = "by_label"
        case byAnnotator = "by_annotator"
        case filesByLabel = "files_by_label"
        case runs
    }

    /// The report for people.
    package var text: String {
        func counted(_ title: String, _ values: [String: Int]) -> [String] {
            [title]
                + (values.isEmpty
                    ? ["  (none)"]
                    : values.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "  \($0.key): \($0.value)" })
        }
        var lines = ["Table \(table): \(files) files (\(deleted) deleted)"]
        lines += counted("By status:", byStatus)
        lines += counted("By label:", byLabel)
        lines += counted("By detector:", byAnnotator)
        lines.append("Files per label:")
        for (label, paths) in filesByLabel.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(label): " + paths.sorted().joined(separator: ", "))
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
