/// What `dxrsync plan` prints: the listing and the batch plan, and with `--incremental` what the
/// stored rows change about it.
package struct PlanReport: Sendable, Hashable, Encodable {
    /// A skipped file as printed.
    package struct Skip: Sendable, Hashable, Encodable {
        package var relativePath: String
        package var reason: String

        enum CodingKeys: String, CodingKey {
            case relativePath = "relative_path"
            case reason
        }
    }

    /// The scanned folder as a Unity Catalog path.
    package var volumePath: String
    /// Where the files were listed from (a local folder or a URL).
    package var location: String
    /// Files listed.
    package var files: Int
    /// Their total size.
    package var bytes: Int64
    /// Jobs the files would be sent in.
    package var batches: Int
    /// Files in those jobs.
    package var plannedFiles: Int
    /// Bytes in those jobs.
    package var plannedBytes: Int64
    package var skipped: [Skip]
    package var listingComplete: Bool
    package var problems: [String]
    /// Symbolic links, FIFOs, sockets and devices that were not listed.
    package var ignoredEntries: Int
    /// What each exclude rule left out (`DXRSYNC_EXCLUDE`, `.dxrignore` files).
    package var excluded: [ExclusionTally]
    package var maxFilesPerJob: Int
    package var maxBytesPerJob: Int64
    /// The comparison with the stored rows (`--incremental`): the plan then holds only the files
    /// an incremental sync would send.
    package var incremental: IncrementalPlan?
    /// How long uploading the planned files should take, from the run ledger (`--incremental`).
    package var estimate: RunEstimate?

    package init(
        volumePath: String, location: String, listing: VolumeListing, plan: BatchPlan, limits: PlanningLimits,
        incremental: IncrementalPlan? = nil, estimate: RunEstimate? = nil
    ) {
        self.incremental = incremental
        self.estimate = estimate
        self.volumePath = volumePath
        self.location = location
        self.files = listing.files.count
        self.bytes = listing.totalBytes
        self.batches = plan.batches.count
        self.plannedFiles = plan.fileCount
        self.plannedBytes = plan.totalBytes
        self.skipped = plan.skipped.map { Skip(relativePath: $0.file.relativePath, reason: $0.reason) }
        self.listingComplete = listing.isComplete
        self.problems = listing.problems.map(\.description)
        self.ignoredEntries = listing.ignoredEntries
        self.excluded = listing.excluded
        self.maxFilesPerJob = limits.maxFilesPerJob
        self.maxBytesPerJob = limits.maxBytesPerJob
    }

    enum CodingKeys: String, CodingKey {
        case volumePath = "volume_path"
        case location, files, bytes, batches
        case plannedFiles = "planned_files"
        case plannedBytes = "planned_bytes"
        case skipped
        case listingComplete = "listing_complete"
        case problems
        case ignoredEntries = "ignored_entries"
        case excluded
        case maxFilesPerJob = "max_files_per_job"
        case maxBytesPerJob = "max_bytes_per_job"
        case incremental, estimate
    }

    /// The report for people.
    package var text: String {
        var lines = [
            "Volume \(volumePath) (listed from \(location))",
            "Listed \(files) \(files == 1 ? "file" : "files"), \(ByteCount.describe(bytes)); listing "
                + (listingComplete ? "complete" : "INCOMPLETE (deleted files will not be tombstoned)"),
            "Plan: \(batches) \(batches == 1 ? "job" : "jobs") for \(plannedFiles) files, \(ByteCount.describe(plannedBytes)); "
                + "at most \(maxFilesPerJob) files and \(ByteCount.describe(maxBytesPerJob)) per job",
        ]
        if let estimate { lines.append(estimate.line) }
        if let incremental { lines.insert(contentsOf: incremental.lines, at: 2) }
        if !excluded.isEmpty {
            let files = excluded.reduce(0) { $0 + $1.files }
            let bytes = excluded.reduce(Int64(0)) { $0 + $1.bytes }
            lines.append("Excluded \(files) \(files == 1 ? "file" : "files"), \(ByteCount.describe(bytes)):")
            lines += excluded.map {
                "  \($0.pattern) (\($0.origin)): \($0.files) \($0.files == 1 ? "file" : "files"), "
                    + ByteCount.describe($0.bytes)
            }
        }
        if ignoredEntries > 0 {
            lines.append("Ignored \(ignoredEntries) symbolic links, FIFOs, sockets or devices")
        }
        if !skipped.isEmpty {
            lines.append("Skipped \(skipped.count):")
            lines += skipped.map { "  \($0.relativePath): \($0.reason)" }
        }
        if !problems.isEmpty {
            lines.append("Problems \(problems.count):")
            lines += problems.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
