import Foundation

/// How long a sync of the planned files should take, at the pace the run ledger measured: the
/// files and bytes per second of the latest runs that uploaded something, each summed over those
/// runs' whole durations (listing and writing included, as a run takes them). The estimate is the
/// slower of the two paces. Without such a run there is no estimate, never a guess.
///
/// The ledger does not record a run's `DXR_MAX_CONCURRENT_JOBS`, so the pace holds for the
/// concurrency those runs had.
package struct RunEstimate: Sendable, Hashable {
    /// What the latest usable runs did, together.
    package struct Throughput: Sendable, Hashable {
        /// The runs measured, newest first.
        package var runIDs: [String]
        /// Files those runs sent to DXR.
        package var files: Int
        /// Bytes they uploaded.
        package var bytes: Int64
        /// Their durations, summed.
        package var seconds: Double

        /// Files sent per second of those runs.
        package var filesPerSecond: Double { Double(files) / seconds }
        /// Bytes uploaded per second of those runs.
        package var bytesPerSecond: Double { Double(bytes) / seconds }
    }

    /// At most this many runs are measured: recent enough to reflect DXR as it is now.
    package static let runsMeasured = 5
    /// Ledger rows read, newest first, to find them among failed, interrupted and idle runs
    /// (two days of hourly runs that found nothing to send).
    package static let ledgerRowsRead = 50

    /// Files to upload.
    package var files: Int
    /// Bytes to upload.
    package var bytes: Int64
    /// The pace the estimate comes from; `nil` when no earlier run finished having uploaded anything.
    package var throughput: Throughput?

    /// Estimates uploading `files` files of `bytes` bytes from `recentRuns`, the ledger's latest
    /// rows in any order.
    package init(files: Int, bytes: Int64, recentRuns: [RunRecord]) {
        self.files = files
        self.bytes = bytes
        throughput = Self.throughput(of: recentRuns)
    }

    /// The whole seconds the upload should take: 0 for nothing to upload; `nil` without a
    /// measured pace.
    package var seconds: Int? {
        guard files > 0 else { return 0 }
        guard let throughput else { return nil }
        let byFiles = Double(files) / throughput.filesPerSecond
        let byBytes = throughput.bytes > 0 ? Double(bytes) / throughput.bytesPerSecond : 0
        return Int(max(byFiles, byBytes).rounded(.up))
    }

    /// The pace of the latest ``runsMeasured`` runs that finished on their own (`SUCCEEDED` or
    /// `FINISHED_WITH_FAILURES`) and sent files to DXR; `nil` when there is none. Runs still
    /// `RUNNING` (or killed), stopped by an error or a signal, and runs with nothing to upload
    /// say nothing about the upload pace.
    package static func throughput(of runs: [RunRecord]) -> Throughput? {
        let measured = runs.filter(measures).sorted { $0.startedAt > $1.startedAt }.prefix(runsMeasured)
        guard !measured.isEmpty else { return nil }
        return Throughput(
            runIDs: measured.map(\.runID), files: measured.reduce(0) { $0 + $1.counts.submitted },
            bytes: measured.reduce(Int64(0)) { $0 + $1.counts.bytesUploaded },
            seconds: measured.reduce(0) { $0 + duration(of: $1) })
    }

    /// Whether `run`'s pace is a measure of uploading.
    static func measures(_ run: RunRecord) -> Bool {
        [.succeeded, .finishedWithFailures].contains(run.status) && run.counts.submitted > 0 && duration(of: run) > 0
    }

    private static func duration(of run: RunRecord) -> Double {
        run.finishedAt.map { $0.timeIntervalSince(run.startedAt) } ?? 0
    }
}

extension RunEstimate: Encodable {
    enum CodingKeys: String, CodingKey {
        case seconds
        case filesPerSecond = "files_per_second"
        case bytesPerSecond = "bytes_per_second"
        case runsUsed = "runs_used"
        case runIDs = "run_ids"
    }

    /// `seconds`, `files_per_second` and `bytes_per_second` are `null` without a measured pace
    /// (`runs_used` 0), `seconds` 0 with nothing to upload.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(throughput.map { ($0.filesPerSecond * 1000).rounded() / 1000 }, forKey: .filesPerSecond)
        try container.encode(throughput.map { Int64($0.bytesPerSecond.rounded()) }, forKey: .bytesPerSecond)
        try container.encode(throughput?.runIDs.count ?? 0, forKey: .runsUsed)
        try container.encode(throughput?.runIDs ?? [], forKey: .runIDs)
    }
}

extension RunEstimate {
    /// The line `plan` prints.
    package var line: String {
        guard files > 0 else { return "Estimate: nothing to upload" }
        guard let throughput, let seconds else {
            return "No estimate: none of the latest runs in the ledger finished having uploaded anything"
        }
        let one = throughput.runIDs.count == 1
        let runs = one ? "the last run" : "the last \(throughput.runIDs.count) runs"
        let perSecond = throughput.filesPerSecond
        let pace =
            String(format: perSecond < 1 ? "%.2g" : "%.1f", perSecond) + " files/s, "
            + Self.size(Int64(throughput.bytesPerSecond.rounded())) + "/s"
        return "Estimate: \(DurationText.approximate(seconds: seconds)) to upload \(files) "
            + "\(files == 1 ? "file" : "files"), \(Self.size(bytes)), at the pace of \(runs) that uploaded (\(pace); "
            + "the ledger does not record \(one ? "its" : "their") DXR_MAX_CONCURRENT_JOBS: the same is assumed)"
    }

    /// `512 B`, `1.3 MiB`: one decimal, binary units.
    private static func size(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
