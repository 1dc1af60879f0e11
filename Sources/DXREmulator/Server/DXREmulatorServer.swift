import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import SyncCore
import UnixSignals

/// A running emulator: where it listens and its state.
package struct RunningEmulator: Sendable {
    /// `http://127.0.0.1:<port>` (or `https://…`), without the API prefix.
    package let url: String
    package let port: Int
    /// The emulator's state, for statistics.
    package let store: EmulatorStore
    /// Stops the emulator before its scope ends: DXR going down in the middle of a run.
    package let stop: @Sendable () async -> Void
}

/// A local DXR server speaking the On-Demand Classifier, search and name-lookup API, with real
/// detectors and seeded fault injection. Used by `dxrsync demo`, `dxrsync emulate-dxr` and the tests.
package enum DXREmulatorServer {
    /// Starts the emulator, runs `body` while it serves, and stops it on every path.
    /// `port` 0 picks an ephemeral port.
    package static func withRunning<Result: Sendable>(
        _ configuration: EmulatorConfiguration,
        host: String = "127.0.0.1",
        port: Int = 0,
        tls: TLSConfiguration? = nil,
        logger: Logger = .quiet("dxr-emulator"),
        _ body: (RunningEmulator) async throws -> Result
    ) async throws -> Result {
        let store = EmulatorStore(configuration: configuration)
        return try await LoopbackHost.withRunning("the DXR emulator on \(host):\(port)", logger: logger) { onRunning in
            try makeApplication(store: store, host: host, port: port, tls: tls, logger: logger, onRunning: onRunning)
        } _: { boundPort, stop in
            try await body(
                RunningEmulator(
                    url: "\(tls == nil ? "http" : "https")://\(host):\(boundPort)", port: boundPort, store: store,
                    stop: stop))
        }
    }

    /// Serves until SIGINT or SIGTERM, calling `onListening` with the URL once it listens.
    package static func serve(
        _ configuration: EmulatorConfiguration,
        host: String,
        port: Int,
        logger: Logger,
        onListening: @escaping @Sendable (String) -> Void
    ) async throws {
        let store = EmulatorStore(configuration: configuration)
        let application = try makeApplication(
            store: store, host: host, port: port, tls: nil, logger: logger,
            onRunning: { onListening("http://\(host):\($0)") })
        let services = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await services.run()
    }

    private static func makeApplication(
        store: EmulatorStore, host: String, port: Int, tls: TLSConfiguration?, logger: Logger,
        onRunning: @escaping @Sendable (Int) -> Void
    ) throws -> some ApplicationProtocol {
        let router = Router()
        EmulatorRoutes(store: store).register(on: router)
        return Application(
            router: router,
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "dxr-emulator"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

/// The emulator could not start (for example the port is taken).
package struct EmulatorStartError: Error, CustomStringConvertible {
    package var description: String
}
