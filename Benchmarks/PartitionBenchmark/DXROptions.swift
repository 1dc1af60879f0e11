import DXR
import Foundation
import Logging
import SyncCore

/// Where the DXR (the emulator) is: `--dxr URL --token TOKEN --datasources 1,2,3,4`.
struct DXROptions {
    let configuration: DXRConfiguration
    let token: String

    init(_ arguments: Arguments) throws(UsageError) {
        token = try arguments.text("token")
        configuration = DXRConfiguration(
            baseURL: try arguments.parsed("dxr") { URL(string: $0) },
            datasourceIDs: try arguments.text("datasources", default: "1").split(separator: ",").map(String.init),
            token: .direct(Secret(token)), pollIntervalSeconds: 0.5,
            maxConcurrentJobs: try arguments.parsed("concurrent-jobs", default: "4") { Int($0) })
    }

    /// Runs `body` with a classifier connected to the DXR.
    func withClassifier<Result: Sendable>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (any Classifier) async throws -> Result
    ) async throws -> Result {
        try await DXRConnection.withConnection(configuration, token: Secret(token), logger: logger) { connection in
            try await body(connection.classifier())
        }
    }
}
