import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a Hummingbird application on a loopback port for the length of a body, and stops it on
/// every path: the emulator's way of serving in process, for any router (the tests' receivers too).
package enum LoopbackHost {
    /// Builds the application (`name` says which, in errors) with `makeApplication` (which must call the closure it is given
    /// with the bound port once it listens), runs `body` with that port, then shuts it down.
    package static func withRunning<Result: Sendable, Application: ApplicationProtocol>(
        _ name: String, logger: Logger,
        makeApplication: (@escaping @Sendable (Int) -> Void) throws -> Application,
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        try await withRunning(name, logger: logger, makeApplication: makeApplication) { port, _ in try await body(port)
        }
    }

    /// The same, with a second argument for `body` that stops the server early (gracefully: the
    /// requests in flight are answered, then the port closes and new connections are refused), as
    /// a service that goes down in the middle of a run.
    package static func withRunning<Result: Sendable, Application: ApplicationProtocol>(
        _ name: String, logger: Logger,
        makeApplication: (@escaping @Sendable (Int) -> Void) throws -> Application,
        _ body: (Int, _ stop: @escaping @Sendable () async -> Void) async throws -> Result
    ) async throws -> Result {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = try makeApplication { portContinuation.yield($0) }
        let services = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await services.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let boundPort = await iterator.next() else {
                try await group.waitForAll()
                throw EmulatorStartError(description: "\(name) stopped before it listened")
            }
            do {
                let result = try await body(boundPort) { await services.triggerGracefulShutdown() }
                await services.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    /// A plain HTTP application for `router` on `host`:`port` (0 for an ephemeral port).
    package static func application(
        router: Router<BasicRequestContext>, host: String = "127.0.0.1", port: Int = 0, serverName: String,
        logger: Logger, onRunning: @escaping @Sendable (Int) -> Void
    ) -> some ApplicationProtocol {
        Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: serverName),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
