/// A group of files sent to DXR as one On-Demand Classifier job.
package struct FileBatch: Sendable, Hashable {
    /// Position of the batch in the plan, from 0.
    package var index: Int
    package var files: [VolumeFile]

    package init(index: Int, files: [VolumeFile]) {
        self.index = index
        self.files = files
    }

    /// The sum of the file sizes.
    package var totalBytes: Int64 { files.reduce(0) { $0 + $1.size } }
}

/// A file that is not sent to DXR, and why.
package struct SkippedFile: Sendable, Hashable {
    package var file: VolumeFile
    package var reason: String

    package init(file: VolumeFile, reason: String) {
        self.file = file
        self.reason = reason
    }
}

/// The batches to submit and the files left out.
package struct BatchPlan: Sendable, Hashable {
    package var batches: [FileBatch]
    package var skipped: [SkippedFile]

    package init(batches: [FileBatch], skipped: [SkippedFile]) {
        self.batches = batches
        self.skipped = skipped
    }

    /// Files in all batches.
    package var fileCount: Int { batches.reduce(0) { $0 + $1.files.count } }
    /// Bytes in all batches.
    package var totalBytes: Int64 { batches.reduce(0) { $0 + $1.totalBytes } }
}

/// Packs files, in the order given, into batches within the per-job budgets.
///
/// A file larger than the byte budget becomes a ``SkippedFile``; it never aborts the plan (the
/// playbook raised an error and stopped). Zero-byte files are ordinary files.
package struct BatchPlanner: Sendable {
    package let limits: PlanningLimits

    package init(limits: PlanningLimits) { self.limits = limits }

    package func plan(_ files: [VolumeFile]) -> BatchPlan {
        var batches: [FileBatch] = []
        var skipped: [SkippedFile] = []
        var current: [VolumeFile] = []
        var currentBytes: Int64 = 0

        func closeBatch() {
            guard !current.isEmpty else { return }
            batches.append(FileBatch(index: batches.count, files: current))
            current = []
            currentBytes = 0
        }

        for file in files {
            if file.size > limits.maxBytesPerJob {
                skipped.append(SkippedFile(file: file, reason: oversizeReason(file)))
                continue
            }
            if current.count >= limits.maxFilesPerJob || currentBytes + file.size > limits.maxBytesPerJob {
                closeBatch()
            }
            current.append(file)
            currentBytes += file.size
        }
        closeBatch()
        return BatchPlan(batches: batches, skipped: skipped)
    }

    private func oversizeReason(_ file: VolumeFile) -> String {
        "file is \(ByteCount.describe(file.size)), larger than DXR_MAX_BYTES_PER_JOB "
            + "(\(ByteCount.describe(limits.maxBytesPerJob)))"
    }
}
