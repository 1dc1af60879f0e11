import Dispatch
import Foundation

/// SIGINT and SIGTERM as an `AsyncStream`: the first one asks the run to stop submitting and
/// wrap up; the signals stay caught until the process exits.
enum StopSignals {
    static func stream() -> (stream: AsyncStream<Void>, sources: [any DispatchSourceSignal]) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                printError(
                    "dxrsync: received \(number == SIGINT ? "SIGINT" : "SIGTERM"); finishing in-flight work and writing the ledger"
                )
                continuation.yield()
            }
            source.resume()
            return source
        }
        return (stream, sources)
    }
}
