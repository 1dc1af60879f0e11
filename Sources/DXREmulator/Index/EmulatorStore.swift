import Crypto
import Foundation
import SyncCore

/// Counters tests and the demo read to see what reached the emulator.
package struct EmulatorStatistics: Sendable, Hashable {
    /// File parts received across all uploads.
    package var receivedParts = 0
    /// File bytes received.
    package var receivedBytes = 0
    package var jobsSubmitted = 0
    package var statusPolls = 0
    package var searches = 0
    /// Job-status answers cut off by fault injection.
    package var malformedAnswers = 0
    /// Requests answered 429 or 503 by fault injection.
    package var injectedErrors = 0
    /// The most uploads that were being received at the same time.
    package var maxConcurrentUploads = 0
}

/// The emulator's state: datasources and their documents, jobs, and fault decisions.
package actor EmulatorStore {
    enum JobFate: Sendable {
        case finish
        case fail
        case never
    }

    struct Job: Sendable {
        var id: String
        var datasourceID: String
        var scanID: Int64
        var submittedAt: ContinuousClock.Instant
        var readyAt: ContinuousClock.Instant
        var fate: JobFate
    }

    let configuration: EmulatorConfiguration
    private var generator: SeededGenerator
    /// Datasource → upload name → document; same-name uploads replace the earlier document.
    private var documents: [String: [String: IndexedDocument]] = [:]
    /// Scan id → the datasource and upload names it indexed, so a search reads only its scan's
    /// documents however many are indexed.
    private var scans: [Int64: (datasourceID: String, fileNames: [String])] = [:]
    private var jobs: [String: Job] = [:]
    private var lastReadyAt: [String: ContinuousClock.Instant] = [:]
    /// Job id → status answers cut off in a row.
    private var malformedStreaks: [String: Int] = [:]
    private var nextScanID: Int64 = 1000
    private var nextJobNumber = 1
    private var uploadsInProgress = 0
    package private(set) var statistics = EmulatorStatistics()

    /// The label rules in force; re-read from ``EmulatorConfiguration/rulesFile`` when it changes.
    private var rules = LabelRuleSet()
    private var rulesRead: Date?

    init(configuration: EmulatorConfiguration) {
        self.configuration = configuration
        self.generator = SeededGenerator(seed: configuration.faults.seed)
    }

    /// The label rules in force now.
    package func currentRules() -> LabelRuleSet {
        guard let path = configuration.rulesFile,
            let modified = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date,
            modified != rulesRead
        else { return rules }
        if let read = try? LabelRuleSet.reading(path) {
            rules = read
            rulesRead = modified
        }
        return rules
    }

    /// Puts new label rules in force, as a DXR administrator changing a smart label would.
    package func setRules(_ rules: [LabelRule], at date: Date = Date()) {
        self.rules = LabelRuleSet(rules: rules, updatedAt: date)
    }

    func hasDatasource(_ id: String) -> Bool { configuration.datasourceIDs.contains(id) }

    /// Whether the token has been revoked (``EmulatorFaults/revokeTokenAfterJobs``).
    var tokenRevoked: Bool {
        configuration.faults.revokeTokenAfterJobs.map { statistics.jobsSubmitted >= $0 } ?? false
    }

    /// Whether this job-status answer is to be cut off (``EmulatorFaults/malformedStatusRate``,
    /// at most ``EmulatorFaults/malformedStatusInARowAtMost`` in a row for one job).
    func malformedStatus(jobID: String) -> Bool {
        let faults = configuration.faults
        let streak = malformedStreaks[jobID, default: 0]
        guard streak < faults.malformedStatusInARowAtMost ?? .max, generator.chance(faults.malformedStatusRate)
        else {
            malformedStreaks[jobID] = 0
            return false
        }
        malformedStreaks[jobID] = streak + 1
        statistics.malformedAnswers += 1
        return true
    }

    /// Whether to answer this request with an injected 429 or 503.
    func injectedError() -> Int? {
        let faults = configuration.faults
        if generator.chance(faults.rate429) {
            statistics.injectedErrors += 1
            return 429
        }
        if generator.chance(faults.rate503) {
            statistics.injectedErrors += 1
            return 503
        }
        return nil
    }

    /// Marks an upload as started.
    func uploadStarted() {
        uploadsInProgress += 1
        statistics.maxConcurrentUploads = max(statistics.maxConcurrentUploads, uploadsInProgress)
    }

    /// Marks an upload as ended, whatever its result.
    func uploadEnded() { uploadsInProgress -= 1 }

    /// Records a finished upload as a job. Documents of a job that will fail are indexed only at
    /// ``EmulatorFaults/failedJobIndexedRate`` (a failed job may still have indexed some files).
    func submit(datasourceID: String, files: [(builder: DocumentBuilder, sha256: String, text: String?)]) -> Job {
        let rules = currentRules().rules
        let now = ContinuousClock.now
        let faults = configuration.faults
        let fate: JobFate =
            generator.chance(faults.stuckJobRate) ? .never : generator.chance(faults.failedJobRate) ? .fail : .finish
        // One ODC datasource works through its jobs one at a time.
        let start = max(now, lastReadyAt[datasourceID] ?? now)
        let job = Job(
            id: "job-\(nextJobNumber)-\(UInt32.random(in: 0...UInt32.max, using: &generator))",
            datasourceID: datasourceID,
            scanID: nextScanID, submittedAt: now, readyAt: start + faults.jobLatency, fate: fate)
        nextJobNumber += 1
        nextScanID += 1
        lastReadyAt[datasourceID] = job.readyAt
        jobs[job.id] = job
        statistics.jobsSubmitted += 1
        for file in files {
            statistics.receivedParts += 1
            statistics.receivedBytes += file.builder.size
            guard fate != .fail || generator.chance(faults.failedJobIndexedRate) else { continue }
            // Same-name uploads to one datasource overwrite the earlier document, as in DXR.
            documents[datasourceID, default: [:]][file.builder.fileName] = IndexedDocument(
                id: Self.documentID(datasourceID: datasourceID, fileName: file.builder.fileName),
                datasourceID: datasourceID, scanID: job.scanID, jobID: job.id, fileName: file.builder.fileName,
                size: file.builder.size, mimeType: file.builder.contentType, sha256: file.sha256, text: file.text,
                rules: rules, manuallyRemoved: faults.manuallyRemovedLabels,
                hidden: generator.chance(faults.droppedHitRate))
            scans[job.scanID, default: (datasourceID, [])].fileNames.append(file.builder.fileName)
        }
        return job
    }

    /// The job's status object, or `nil` for an unknown job.
    func status(datasourceID: String, jobID: String) -> JSONValue? {
        guard let job = jobs[jobID], job.datasourceID == datasourceID else { return nil }
        statistics.statusPolls += 1
        let now = ContinuousClock.now
        let state: String
        var scanID: JSONValue = .null
        var message: String?
        if job.fate == .never || now < job.readyAt {
            let uploading = now < job.submittedAt + (job.readyAt - job.submittedAt) / 3
            state = uploading ? "UPLOADING_FILES" : "AWAITING_RECRAWL_TO_COMPLETE"
        } else if job.fate == .fail {
            state = "FAILED"
            message = "Recrawl failed (injected fault)"
            scanID = .number(Double(job.scanID))
        } else {
            state = "FINISHED"
            scanID = .number(Double(job.scanID))
        }
        var object: [String: JSONValue] = [
            "id": .string(job.id), "datasourceId": .number(Double(Int(job.datasourceID) ?? 0)),
            "timeToLive": .number(3600), "submittedByUserId": .number(1), "organizationalUnitId": .number(1),
            "recrawlDispatchFailures": .number(0),
        ]
        if configuration.faults.stateAsObject {
            var stateObject: [String: JSONValue] = ["value": .string(state), "datasourceScanId": scanID]
            if let message { stateObject["errorMessage"] = .string(message) }
            object["state"] = .object(stateObject)
        } else {
            object["state"] = .string(state)
            object["datasourceScanId"] = scanID
            if let message { object["errorMessage"] = .string(message) }
        }
        return .object(object)
    }

    /// Visible documents of a finished (or failed) scan, sorted by datasource and file name, and
    /// whether their smart labels are applied yet: ``EmulatorFaults/labelLag`` after the job ends,
    /// or at once for a search that refreshes the index.
    func documents(scanID: Int64, refreshIndex: Bool) -> (documents: [IndexedDocument], labelsApplied: Bool) {
        statistics.searches += 1
        let now = ContinuousClock.now
        guard let scan = scans[scanID], let byName = documents[scan.datasourceID] else { return ([], true) }
        var found: [IndexedDocument] = []
        var labelsApplied = true
        for name in Set(scan.fileNames) {
            guard let document = byName[name], document.scanID == scanID, !document.hidden,
                let job = jobs[document.jobID], job.fate != .never, now >= job.readyAt
            else { continue }
            labelsApplied = refreshIndex || now >= job.readyAt + configuration.faults.labelLag
            found.append(document)
        }
        return (found.sorted { $0.fileName < $1.fileName }, labelsApplied)
    }

    /// Whether to answer this poll or search with an injected 500 (``EmulatorFaults/rate500``).
    func injected500() -> Bool {
        guard generator.chance(configuration.faults.rate500) else { return false }
        statistics.injectedErrors += 1
        return true
    }

    /// A stable 20-character document id per datasource and file name.
    static func documentID(datasourceID: String, fileName: String) -> String {
        let digest = SHA256.hash(data: Array("\(datasourceID)/\(fileName)".utf8))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String(digest.prefix(20).map { alphabet[Int($0) % 64] })
    }
}
