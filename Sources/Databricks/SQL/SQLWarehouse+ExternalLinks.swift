import Foundation
import HTTPSupport
import NIOCore

/// Large reads in one statement with the `EXTERNAL_LINKS` disposition (the Statement Execution
/// API's Execute Statement reference, https://docs.databricks.com/api/workspace/statementexecution/executestatement,
/// and `Disposition` in the SDKs): the result, up to 100 GiB, is cut into chunks, each behind a
/// presigned URL valid for at most 15 minutes that is fetched WITHOUT the `Authorization` header and
/// WITH every entry of `http_headers`; `GET …/result/chunks/{n}` gives a chunk's link afresh, as
/// often as needed ("chunks can be resolved and fetched multiple times"). The result stays
/// available for an hour after the statement succeeds.
///
/// One chunk is held at a time: its link is asked for just before it is downloaded, so a link
/// never waits while the caller works; a link refused all the same (expired, or refused in a way
/// "cloud specific", as the reference puts it) is asked for again.
extension SQLWarehouse {
    /// How many times one chunk's download is tried with a fresh link.
    static let linkAttempts = 3

    /// Runs `statement` once with `EXTERNAL_LINKS` and hands its rows to `body` a chunk at a time.
    package func stream(
        _ statement: String, parameters: [SQLParameter], _ body: ([[String?]]) async throws -> Void
    ) async throws {
        let answer = try await run(statement, parameters: parameters, disposition: "EXTERNAL_LINKS")
        let summary = Self.summary(of: statement)
        if answer.manifest?.truncated == true {
            throw StatementFailure(
                statement: summary, state: "SUCCEEDED", sqlState: nil, errorCode: "RESULT_TRUNCATED",
                message: "the result passed the 100 GiB EXTERNAL_LINKS limit and was cut short")
        }
        guard let id = answer.statementID else { return }
        var chunk = answer.result
        while let current = chunk {
            if let link = current.externalLinks?.first {
                try await body(try await rows(behind: link, statementID: id, summary: summary))
            } else if let rows = current.dataArray {
                try await body(rows)
            }
            guard let next = current.externalLinks?.first?.nextChunkInternalLink ?? current.nextChunkInternalLink
            else { return }
            chunk = try await client.get(next, as: ResultChunk.self)
        }
    }

    /// The rows behind one chunk's link, asking for a fresh link when the storage refuses it.
    private func rows(behind first: ExternalLink, statementID: String, summary: String) async throws
        -> [[String?]]
    {
        let index = first.chunkIndex ?? 0
        let name = "the external link of result chunk \(index) of statement \(statementID)"
        var link = first
        var attempt = 1
        while true {
            let response: HTTPResponseData
            do {
                response = try await client.download(link.externalLink, headers: link.httpHeaders ?? [:], name: name)
            } catch let error as HTTPRequestError where (error.status ?? 0) / 100 == 4 {
                guard attempt < Self.linkAttempts else {
                    throw StatementFailure(
                        statement: summary, state: "SUCCEEDED", sqlState: nil, errorCode: "EXTERNAL_LINK_REFUSED",
                        message: "\(name) was refused \(attempt) times, each with a fresh link: \(error)")
                }
                attempt += 1
                let fresh = try await client.get(
                    "/api/2.0/sql/statements/\(statementID)/result/chunks/\(index)", as: ResultChunk.self)
                guard let again = fresh.externalLinks?.first else { throw error }
                link = again
                continue
            }
            do {
                return try JSONDecoder().decode([[String?]].self, from: Data(response.body.readableBytesView))
            } catch {
                throw StatementFailure(
                    statement: summary, state: "SUCCEEDED", sqlState: nil, errorCode: "EXTERNAL_LINK_UNREADABLE",
                    message: "\(name) did not hold JSON_ARRAY rows: \(error)")
            }
        }
    }
}
