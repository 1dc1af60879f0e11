import Foundation

/// Which unchanged, classified files go to DXR again (`DXRSYNC_RESCAN`), so that a label or
/// detector added in DXR reaches the files classified before it.
package enum RescanPolicy: Sendable, Hashable {
    /// Files classified under other DXR rules (another classifier fingerprint).
    case stale
    /// Never: only new, changed and failed files are sent.
    case none
    /// Files classified longer ago than this many seconds.
    case olderThan(TimeInterval)

    /// `stale`, `none` or `older-than:30d`.
    package init?(parsing text: String) {
        let lowered = text.trimmingBlanks().lowercased()
        switch lowered {
        case "stale": self = .stale
        case "none": self = .none
        default:
            guard lowered.hasPrefix("older-than:"), let age = SettingParsers.age(String(lowered.dropFirst(11))) else {
                return nil
            }
            self = .olderThan(age)
        }
    }

    /// As `DXRSYNC_RESCAN` spells it.
    package var description: String {
        switch self {
        case .stale: return "stale"
        case .none: return "none"
        case .olderThan(let age):
            let days = age / 86_400
            return days == days.rounded() ? "older-than:\(Int(days))d" : "older-than:\(Int(age))s"
        }
    }

    /// Whether an unchanged file whose last good classification is `state` is re-queued, given
    /// the DXR rules now (`nil` when DXR does not say: nothing is stale then).
    func isDue(_ state: StoredFileState, fingerprint: String?, now: Date) -> Bool {
        switch self {
        case .none:
            return false
        case .stale:
            guard let fingerprint else { return false }
            return state.classifierFingerprint != fingerprint
        case .olderThan(let age):
            guard let collected = state.collectedAt else { return true }
            return now.timeIntervalSince(collected) > age
        }
    }
}

/// How much one run sends to DXR (`DXRSYNC_MAX_FILES_PER_RUN`, `DXRSYNC_MAX_BYTES_PER_RUN`): new
/// and changed files first, then failed ones, then re-scans, so a rule change on a large volume is
/// absorbed over several runs. The rest waits for the next run.
package struct RunBudget: Sendable, Hashable {
    package var maxFiles: Int?
    package var maxBytes: Int64?

    package init(maxFiles: Int? = nil, maxBytes: Int64? = nil) {
        self.maxFiles = maxFiles
        self.maxBytes = maxBytes
    }

    /// The files within the budget, in the order given, and how many are left over.
    package func take(_ files: [VolumeFile]) -> (taken: [VolumeFile], deferred: Int) {
        guard maxFiles != nil || maxBytes != nil else { return (files, 0) }
        var taken: [VolumeFile] = []
        var bytes: Int64 = 0
        for file in files {
            if let maxFiles, taken.count >= maxFiles { break }
            if let maxBytes, bytes + file.size > maxBytes, !taken.isEmpty { break }
            taken.append(file)
            bytes += file.size
        }
        return (taken, files.count - taken.count)
    }
}
