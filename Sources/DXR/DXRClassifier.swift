import AsyncHTTPClient
import Foundation
import HTTPSupport
import Logging
import NIOCore
import NIOHTTP1
import SyncCore

/// The DXR On-Demand Classifier client: one batch becomes one job that is submitted (streamed
/// multipart), polled to a terminal state, then read back page by page from the search index. A job
/// that ends `FAILED` is searched anyway (some files may be indexed), and the files it did not
/// return go into a new job, up to `DXR_JOB_RETRIES` times, as Ohalo's sync wrapper does.
package struct DXRClassifier: Classifier {
    let client: DXRHTTPClient
    let datasourceIDs: [String]
    let pollSchedule: PollSchedule
    let jobTimeout: Duration
    let jobRetries: Int
    let pageSize: Int
    let names: NameResolver

    init(client: DXRHTTPClient, configuration: DXRConfiguration, pageSize: Int = 100) {
        self.client = client
        self.datasourceIDs = configuration.datasourceIDs
        self.pollSchedule = PollSchedule(ceiling: .milliseconds(Int64(configuration.pollIntervalSeconds * 1000)))
        self.jobTimeout = .milliseconds(Int64(configuration.jobTimeoutSeconds * 1000))
        self.jobRetries = configuration.jobRetries
        self.pageSize = pageSize
        self.names = NameResolver(client: client)
    }

    package func fingerprint() async throws -> String? {
        let fingerprint = await ClassifierFingerprint(client: client).read()
        if let breaker = client.transport.breaker, breaker.isOpen { throw Self.outage(breaker.outage) }
        return fingerprint
    }

    /// The datasource a batch goes to: round-robin over the configured ids by batch index.
    package func datasourceID(for batch: FileBatch) -> String { datasourceIDs[batch.index % datasourceIDs.count] }

    package func classify(_ batch: FileBatch, from source: any VolumeSource) async throws -> [FileOutcome] {
        let datasource = datasourceID(for: batch)
        var outcomes = [FileOutcome?](repeating: nil, count: batch.files.count)
        var pending = Array(batch.files.indices)
        for attempt in 0...jobRetries {
            let job = try await runJob(pending.map { ($0, batch.files[$0]) }, datasource: datasource, from: source)
            for (index, outcome) in job.outcomes { outcomes[index] = outcome }
            guard let retry = job.retry, !retry.isEmpty, attempt < jobRetries else {
                for index in pending where outcomes[index] == nil {
                    outcomes[index] = .failed(
                        batch.files[index], reason: job.remainingReason(attempts: attempt + 1),
                        datasourceID: datasource,
                        jobID: job.jobID)
                }
                break
            }
            client.logger.info(
                "resubmitting the files a failed DXR job did not return",
                metadata: ["job": "\(job.jobID ?? "")", "files": "\(retry.count)", "attempt": "\(attempt + 2)"])
            pending = retry
        }
        return outcomes.enumerated().map {
            $1 ?? .failed(batch.files[$0], reason: "not classified", datasourceID: datasource)
        }
    }

    /// What one job did for its files: final outcomes by batch index, and the files to send again
    /// in a new job (those a `FAILED` job did not return), if any.
    struct JobResult {
        var jobID: String?
        var outcomes: [Int: FileOutcome] = [:]
        /// Files to resubmit, when the job ended `FAILED`.
        var retry: [Int]?
        /// Why the files without an outcome failed.
        var reason: String

        func remainingReason(attempts: Int) -> String {
            retry == nil || attempts == 1 ? reason : "\(reason) (\(attempts) jobs tried)"
        }
    }

    /// Submits `files` (index in the batch, file) as one job, waits for it, and reads its results.
    private func runJob(
        _ files: [(index: Int, file: VolumeFile)], datasource: String, from source: any VolumeSource
    ) async throws -> JobResult {
        let uploadNames = files.map {
            UploadNaming.uploadName(for: $0.file.relativePath, token: UploadNaming.randomToken())
        }
        var result = JobResult(reason: "")
        let submission: Submission
        do {
            submission = try await submit(files.map(\.file), uploadNames: uploadNames, to: datasource, from: source)
        } catch let error as ServiceUnreachableError {
            throw Self.outage(error)
        } catch let error as HTTPRequestError {
            try rethrowIfFatal(error, datasource: datasource)
            result.reason = "upload to DXR failed: \(error)"
            return result
        } catch let error as FileAccessError {
            result.reason = "upload to DXR failed: \(error)"
            return result
        }
        for (position, reason) in submission.unopened {
            result.outcomes[files[position].index] = .failed(
                files[position].file, reason: reason, datasourceID: datasource)
        }
        guard let jobID = submission.jobID else {
            result.reason = "nothing to upload"
            return result
        }
        result.jobID = jobID

        let status: JobStatus
        do {
            guard let finished = try await waitForJob(jobID, datasource: datasource) else {
                result.reason = "DXR job \(jobID) did not finish within \(jobTimeout) (DXR_JOB_TIMEOUT_SECONDS)"
                return result
            }
            status = finished
        } catch let error as HTTPRequestError {
            try rethrowIfFatal(error, datasource: datasource)
            result.reason = "polling DXR job \(jobID) failed: \(error)"
            return result
        } catch let error as ServiceUnreachableError {
            result.reason = "DXR stopped answering while job \(jobID) ran: \(error)"
            return result
        }
        let ended = "DXR job \(jobID) ended \(status.state)" + (status.message.map { ": \($0)" } ?? "")
        guard let scanID = status.scanID else {
            result.reason = status.isFinished ? "DXR job \(jobID) finished without a datasourceScanId" : ended
            if status.isFailed { result.retry = unreturned(files, result) }
            return result
        }

        let hits: [SearchPage.Hit]
        do {
            hits = try await searchAll(scanID: scanID)
        } catch let error as HTTPRequestError {
            try rethrowIfFatal(error, datasource: datasource)
            result.reason = "reading the results of DXR job \(jobID) (scan \(scanID)) failed: \(error)"
            return result
        } catch let error as ServiceUnreachableError {
            result.reason = "DXR stopped answering before the results of job \(jobID) were read: \(error)"
            return result
        }
        var positionByName: [String: Int] = [:]
        for (position, name) in uploadNames.enumerated() { positionByName[name] = position }
        for hit in hits {
            guard let name = HitMapping.uploadName(of: hit.source),
                let position = positionByName.removeValue(forKey: name)
            else { continue }
            let (index, file) = files[position]
            guard result.outcomes[index] == nil else { continue }
            if let change = submission.changed[position] {
                result.outcomes[index] = .failed(file, reason: change, datasourceID: datasource, jobID: jobID)
                continue
            }
            var classification = await HitMapping.classification(
                hitID: hit.id, source: hit.source, scanID: scanID, names: names)
            classification.sha256 = submission.sha256[position] ?? classification.sha256
            result.outcomes[index] = FileOutcome(
                file: file, status: .classified, datasourceID: datasource, jobID: jobID, classification: classification)
        }
        for (position, reason) in submission.changed where result.outcomes[files[position].index] == nil {
            result.outcomes[files[position].index] = .failed(
                files[position].file, reason: reason, datasourceID: datasource, jobID: jobID)
        }
        if status.isFailed {
            result.reason = ended
            result.retry = unreturned(files, result)
        } else {
            result.reason = "not returned by DXR (job \(jobID), scan \(scanID))"
        }
        return result
    }

    /// The batch indices of `files` that have no outcome yet.
    private func unreturned(_ files: [(index: Int, file: VolumeFile)], _ result: JobResult) -> [Int] {
        files.map(\.index).filter { result.outcomes[$0] == nil }
    }

    /// Stops the run for an answer that no other job can get past: a TLS handshake that fails
    /// (exit 3), a token DXR refuses or a datasource it does not know (exit 2, configuration).
    private func rethrowIfFatal(_ error: HTTPRequestError, datasource: String) throws {
        if error.isTLSFailure {
            throw FatalClassifierError(
                "the TLS connection to \(client.endpoint.displayBase) failed (\(error.detail)); if DXR uses a private "
                    + "certificate authority set DXR_CA_BUNDLE_PATH to its PEM file, or DXR_VERIFY_SSL=false to skip "
                    + "verification")
        }
        if error.isAuthenticationFailure {
            throw FatalClassifierError(
                "DXR rejected the API token (HTTP \(error.status ?? 0) on \(error.method) \(error.path) at "
                    + "\(client.endpoint.displayBase)); check DXR_API_TOKEN or the secret it is read from, and that "
                    + "the token may use the On-Demand Classifier", kind: .configuration)
        }
        if error.status == 404 && error.path.hasSuffix("/jobs") {
            throw FatalClassifierError(
                "DXR datasource \(datasource) was not found (HTTP 404 on \(error.method) \(error.path) at "
                    + "\(client.endpoint.displayBase)); check DXR_DATASOURCE_ID names On-Demand Classifier "
                    + "datasources, and DXR_API_PREFIX", kind: .configuration)
        }
    }

    /// The error that stops the run when DXR gives no answer at all.
    static func outage(_ error: ServiceUnreachableError) -> FatalClassifierError {
        FatalClassifierError(
            "\(error); the run stopped sending files. Check DXR_BASE_URL and DXR_API_PREFIX, that DXR is up, and "
                + "the network path from here to it (DNS, proxy, firewall); DXR_MAX_UNANSWERED_REQUESTS sets how many "
                + "unanswered attempts stop a run")
    }

    // MARK: Submit

    struct Submission {
        var jobID: String?
        /// Files that could not be opened: position in the job → reason.
        var unopened: [Int: String]
        /// Files that changed while they were sent: position in the job → reason.
        var changed: [Int: String]
        /// The SHA-256 of each file sent whole, computed as it streamed up: position → hex.
        var sha256: [Int: String] = [:]
    }

    /// Opens the files and streams them as one multipart request, retrying with freshly opened
    /// files when DXR asks for it.
    private func submit(
        _ files: [VolumeFile], uploadNames: [String], to datasource: String, from source: any VolumeSource
    ) async throws -> Submission {
        let path = "/on-demand-classifiers/\(DXREndpoint.segment(datasource))/jobs"
        let changes = UploadChanges()
        var unopened: [Int: String] = [:]
        let timeout = Duration.seconds(max(300, files.reduce(0) { $0 + $1.size } / 1_000_000))
        let response: HTTPResponseData
        do {
            response = try await client.send(.POST, path, timeout: timeout, idempotent: false, startsWork: true) {
                var parts: [UploadPart] = []
                unopened = [:]
                for (index, file) in files.enumerated() {
                    do {
                        let contents = try await source.open(file)
                        parts.append(
                            UploadPart(
                                index: index, uploadName: uploadNames[index],
                                mimeType: UploadNaming.mimeType(for: file.relativePath), size: file.size,
                                contents: contents))
                    } catch {
                        unopened[index] = (error as? FileAccessError)?.reason ?? "cannot open for upload: \(error)"
                    }
                }
                guard !parts.isEmpty else { throw NothingToUpload() }
                let upload = MultipartUpload(parts: parts, changes: changes)
                let opened = parts.map(\.contents)
                return PreparedBody(
                    body: .stream(upload, length: .known(upload.contentLength)), contentType: upload.contentType,
                    cleanup: { for contents in opened { await contents.close() } })
            }
        } catch is NothingToUpload {
            return Submission(jobID: nil, unopened: unopened, changed: [:])
        }
        let json = try? JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
        guard let json, let jobID = JobStatus.jobID(in: json) else {
            throw HTTPRequestError(
                method: "POST", path: client.endpoint.path(path), status: response.status,
                detail: "the answer has no job id: " + HTTPRequestError.excerpt(response.text, limit: 200), attempts: 1)
        }
        client.logger.debug(
            "submitted job",
            metadata: ["job": "\(jobID)", "datasource": "\(datasource)", "files": "\(files.count)"])
        return Submission(jobID: jobID, unopened: unopened, changed: changes.all, sha256: changes.sha256)
    }

    private struct NothingToUpload: Error {}

    // MARK: Poll

    /// Polls until the job is terminal; `nil` when it is not within the job timeout. A status
    /// answer that is not JSON is a failed poll, tried again; the fifth in a row ends the job.
    private func waitForJob(_ jobID: String, datasource: String) async throws -> JobStatus? {
        let path = "/on-demand-classifiers/\(DXREndpoint.segment(datasource))/jobs/\(DXREndpoint.segment(jobID))"
        let clock = ContinuousClock()
        let deadline = clock.now + jobTimeout
        var polls = 0
        var malformedInARow = 0
        while true {
            do {
                let status = JobStatus(json: try await client.get(path, timeout: .seconds(30)))
                if status.isTerminal { return status }
                malformedInARow = 0
            } catch let error as HTTPRequestError where error.status.map({ (200..<300).contains($0) }) == true {
                malformedInARow += 1
                if malformedInARow >= 5 { throw error }
                client.logger.debug("malformed job status; polling again", metadata: ["job": "\(jobID)"])
            }
            let wait = pollSchedule.delay(afterPolls: polls)
            polls += 1
            if clock.now + wait > deadline { return nil }
            try await Task.sleep(for: wait)
        }
    }

    // MARK: Search

    /// Reads every hit of a scan. Stops on an empty page or when `hits.total` is reached, and
    /// adapts when the server returns smaller pages than asked for (a server-side cap).
    func searchAll(scanID: Int64) async throws -> [SearchPage.Hit] {
        var hits: [SearchPage.Hit] = []
        var seen = Set<String>()
        var size = pageSize
        var page = 0
        var total: Int?
        while page < 10_000 {
            let request = SearchRequest(scanID: scanID, pageNumber: page, pageSize: size)
            let result = SearchPage(
                json: try await client.json(.POST, "/indexed-files/search", body: request, timeout: .seconds(60)))
            total = result.total ?? total
            if result.hits.isEmpty { break }
            for hit in result.hits where hit.id.map({ seen.insert($0).inserted }) ?? true { hits.append(hit) }
            if let total, hits.count >= total { break }
            if page == 0 && result.hits.count < size {
                // The server capped the page size; continue with its size so offsets line up.
                size = result.hits.count
            }
            page += 1
        }
        return hits
    }
}
