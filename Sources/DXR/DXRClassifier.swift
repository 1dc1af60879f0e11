import AsyncHTTPClient
import Foundation
import HTTPSupport
import Logging
import NIOCore
import NIOHTTP1
import SyncCore

/// The DXR On-Demand Classifier client: one batch becomes one job that is submitted (streamed
/// multipart), polled to a terminal state, then read back page by page from the search index.
package struct DXRClassifier: Classifier {
    let client: DXRHTTPClient
    let datasourceIDs: [String]
    let pollSchedule: PollSchedule
    let jobTimeout: Duration
    let pageSize: Int
    let names: NameResolver

    init(client: DXRHTTPClient, configuration: DXRConfiguration, pageSize: Int = 100) {
        self.client = client
        self.datasourceIDs = configuration.datasourceIDs
        self.pollSchedule = PollSchedule(ceiling: .milliseconds(Int64(configuration.pollIntervalSeconds * 1000)))
        self.jobTimeout = .milliseconds(Int64(configuration.jobTimeoutSeconds * 1000))
        self.pageSize = pageSize
        self.names = NameResolver(client: client)
    }

    /// The datasource a batch goes to: round-robin over the configured ids by batch index.
    package func datasourceID(for batch: FileBatch) -> String { datasourceIDs[batch.index % datasourceIDs.count] }

    package func classify(_ batch: FileBatch, from source: any VolumeSource) async throws -> [FileOutcome] {
        let datasource = datasourceID(for: batch)
        var outcomes = [FileOutcome?](repeating: nil, count: batch.files.count)
        let uploadNames = batch.files.map {
            UploadNaming.uploadName(for: $0.relativePath, token: UploadNaming.randomToken())
        }

        let submission: Submission
        do {
            submission = try await submit(batch, uploadNames: uploadNames, to: datasource, from: source)
        } catch let error as HTTPRequestError {
            try rethrowIfFatal(error, datasource: datasource)
            return batch.files.map { .failed($0, reason: "upload to DXR failed: \(error)", datasourceID: datasource) }
        } catch let error as FileAccessError {
            return batch.files.map { .failed($0, reason: "upload to DXR failed: \(error)", datasourceID: datasource) }
        }
        for (index, reason) in submission.unopened {
            outcomes[index] = .failed(batch.files[index], reason: reason, datasourceID: datasource)
        }
        guard let jobID = submission.jobID else {
            return outcomes.enumerated().map {
                $1 ?? .failed(batch.files[$0], reason: "nothing to upload", datasourceID: datasource)
            }
        }
        func failRemaining(_ reason: String) -> [FileOutcome] {
            outcomes.enumerated().map {
                $1 ?? .failed(batch.files[$0], reason: reason, datasourceID: datasource, jobID: jobID)
            }
        }

        let status: JobStatus
        do {
            guard let finished = try await waitForJob(jobID, datasource: datasource) else {
                return failRemaining("DXR job \(jobID) did not finish within \(jobTimeout) (DXR_JOB_TIMEOUT_SECONDS)")
            }
            status = finished
        } catch let error as HTTPRequestError {
            try rethrowIfFatal(error, datasource: datasource)
            return failRemaining("polling DXR job \(jobID) failed: \(error)")
        }
        guard status.isFinished else {
            return failRemaining("DXR job \(jobID) ended \(status.state)" + (status.message.map { ": \($0)" } ?? ""))
        }
        guard let scanID = status.scanID else {
            return failRemaining("DXR job \(jobID) finished without a datasourceScanId")
        }

        let hits: [SearchPage.Hit]
        do {
            hits = try await searchAll(scanID: scanID)
        } catch let error as HTTPRequestError {
            try rethrowIfFatal(error, datasource: datasource)
            return failRemaining("reading the results of DXR job \(jobID) (scan \(scanID)) failed: \(error)")
        }
        var indexByName: [String: Int] = [:]
        for (index, name) in uploadNames.enumerated() where outcomes[index] == nil { indexByName[name] = index }
        for hit in hits {
            guard let name = HitMapping.uploadName(of: hit.source), let index = indexByName.removeValue(forKey: name)
            else { continue }
            let classification = await HitMapping.classification(
                hitID: hit.id, source: hit.source, scanID: scanID, names: names)
            if let change = submission.changed[index] {
                outcomes[index] = .failed(batch.files[index], reason: change, datasourceID: datasource, jobID: jobID)
            } else {
                outcomes[index] = FileOutcome(
                    file: batch.files[index], status: .classified, datasourceID: datasource, jobID: jobID,
                    classification: classification)
            }
        }
        for (index, reason) in submission.changed where outcomes[index] == nil {
            outcomes[index] = .failed(batch.files[index], reason: reason, datasourceID: datasource, jobID: jobID)
        }
        return failRemaining("not returned by DXR (job \(jobID), scan \(scanID))")
    }

    private func rethrowIfFatal(_ error: HTTPRequestError, datasource: String) throws {
        if error.isTLSFailure {
            throw FatalClassifierError(
                "the TLS connection to DXR failed (\(error.detail)); if DXR uses a private certificate authority set "
                    + "DXR_CA_BUNDLE_PATH to its PEM file, or DXR_VERIFY_SSL=false to skip verification")
        }
        if error.isAuthenticationFailure {
            throw FatalClassifierError(
                "DXR rejected the API token (HTTP \(error.status ?? 0) on \(error.method) \(error.path)); "
                    + "check DXR_API_TOKEN or the secret it is read from")
        }
        if error.status == 404 && error.path.hasSuffix("/jobs") {
            throw FatalClassifierError(
                "DXR datasource \(datasource) was not found (HTTP 404 on \(error.method) \(error.path)); "
                    + "check DXR_DATASOURCE_ID names On-Demand Classifier datasources")
        }
    }

    // MARK: Submit

    struct Submission {
        var jobID: String?
        /// Files that could not be opened: index → reason.
        var unopened: [Int: String]
        /// Files that changed while they were sent: index → reason.
        var changed: [Int: String]
    }

    /// Opens the files and streams them as one multipart request, retrying with freshly opened
    /// files when DXR asks for it.
    private func submit(
        _ batch: FileBatch, uploadNames: [String], to datasource: String, from source: any VolumeSource
    ) async throws -> Submission {
        let path = "/on-demand-classifiers/\(DXREndpoint.segment(datasource))/jobs"
        let changes = UploadChanges()
        var unopened: [Int: String] = [:]
        let timeout = Duration.seconds(max(300, batch.totalBytes / 1_000_000))
        let response: HTTPResponseData
        do {
            response = try await client.send(.POST, path, timeout: timeout) {
                var parts: [UploadPart] = []
                unopened = [:]
                for (index, file) in batch.files.enumerated() {
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
            metadata: ["job": "\(jobID)", "datasource": "\(datasource)", "files": "\(batch.files.count)"])
        return Submission(jobID: jobID, unopened: unopened, changed: changes.all)
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
