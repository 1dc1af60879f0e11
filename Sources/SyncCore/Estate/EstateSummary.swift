/// What a run over an estate scope did: one sync per volume, the volumes it skipped and why, the
/// totals, and how the process ends.
package struct EstateSummary: Sendable, Encodable {
    /// The `DXRSYNC_SCOPE` paths.
    package var scope: [String]
    /// Where the volumes were found.
    package var catalogue: String
    /// One summary per volume run, in path order.
    package var runs: [RunSummary]
    package var skipped: [SkippedVolume]
    /// Volumes left for the next run because this one stopped early (an interruption, a fatal error).
    package var notRun: [String]

    package init(scope: [String], catalogue: String, runs: [RunSummary], skipped: [SkippedVolume], notRun: [String]) {
        self.scope = scope
        self.catalogue = catalogue
        self.runs = runs
        self.skipped = skipped
        self.notRun = notRun
    }

    /// The worst of the volumes' exit statuses; a skipped volume makes it at least 1, as the run
    /// did not cover the scope.
    package var exitStatus: ExitStatus {
        let worst = runs.map(\.exitStatus).max { $0.rawValue < $1.rawValue } ?? .success
        return !skipped.isEmpty && worst == .success ? .filesFailed : worst
    }

    /// The counts of every volume added up.
    package var total: RunCounts {
        runs.reduce(into: RunCounts()) { total, run in total.addEvery(run.counts) }
    }

    enum CodingKeys: String, CodingKey {
        case scope, catalogue, volumes, skipped, total
        case notRun = "not_run"
        case exitCode = "exit_code"
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope, forKey: .scope)
        try container.encode(catalogue, forKey: .catalogue)
        try container.encode(runs, forKey: .volumes)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(notRun, forKey: .notRun)
        try container.encode(total, forKey: .total)
        try container.encode(exitStatus.rawValue, forKey: .exitCode)
    }

    /// The summary for people: one line per volume, then what was skipped and the totals.
    package var text: String {
        var lines = [
            "Scope \(scope.joined(separator: ", ")) (volumes from \(catalogue)): \(runs.count) "
                + "\(runs.count == 1 ? "volume" : "volumes") run, \(skipped.count) skipped"
        ]
        for run in runs {
            let counts = run.counts
            lines.append(
                "  \(run.scope): listed \(counts.listed) (new \(counts.new), changed \(counts.changed), gone "
                    + "\(counts.gone)), uploaded \(counts.submitted), classified \(counts.classified), skipped "
                    + "\(counts.skipped), failed \(counts.failed); \(run.status.rawValue), exit \(run.exitStatus.rawValue)"
                    + (run.error.map { "; stopped: \($0)" } ?? "") + (run.heldBack.map { "; held back: \($0)" } ?? ""))
        }
        lines += skipped.map { "  SKIPPED \($0)" }
        if !notRun.isEmpty { lines.append("  not run (the run stopped): " + notRun.joined(separator: ", ")) }
        let total = total
        lines.append(
            "Total: listed \(total.listed), uploaded \(total.submitted) files (\(ByteCount.describe(total.bytesUploaded))), "
                + "classified \(total.classified), skipped \(total.skipped), failed \(total.failed)")
        return lines.joined(separator: "\n")
    }
}

extension RunCounts {
    /// Adds every count of another run.
    fileprivate mutating func addEvery(_ other: RunCounts) {
        listed += other.listed
        new += other.new
        changed += other.changed
        unchanged += other.unchanged
        gone += other.gone
        stale += other.stale
        deferred += other.deferred
        add(other)
    }
}
