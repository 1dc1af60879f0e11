import DXR
import Foundation
import HTTPSupport
import SyncCore
import Testing

@Suite struct FingerprintTests {
    /// A DXR that does not answer at all (down, or a wrong DXR_BASE_URL) costs one round of
    /// retries and one warning, not three: the older catalogue lists would fail the same way.
    @Test func anUnreachableDXRIsAskedOnceForItsRules() async throws {
        let log = RecordedLog()
        let configuration = DXRConfiguration(
            baseURL: URL(string: "http://127.0.0.1:1")!, datasourceIDs: ["1"], token: .direct(Secret("t")))
        let fingerprint = try await DXRConnection.withConnection(
            configuration, token: Secret("t"), retry: RetryPolicy(maxAttempts: 1, baseDelay: .zero, maxDelay: .zero),
            connectTimeout: .milliseconds(200), logger: log.logger
        ) { connection in try await connection.classifier().fingerprint() }
        #expect(fingerprint == nil)
        #expect(log.messages.count == 1)
        #expect(log.messages.first?.contains("/v1/classifications failed with no response") == true)
    }
}
