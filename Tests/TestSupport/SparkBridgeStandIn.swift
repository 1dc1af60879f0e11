import Foundation

/// The real Spark bridge of `deploy/databricks/dxrsync_bridge.py` over the stand-in's Spark session
/// (`Tests/DatabricksWorkspace/standin_bridge.py`), as a child process: the client talks to it
/// through its Unix socket as the binary does under `run_dxrsync.py`, without the wrapper.
package final class SparkBridgeStandIn: Sendable {
    /// The bridge's Unix socket.
    package let socketPath: String
    /// One JSON line per statement: `kind`, `state`, `statement`, and for one that scanned a table
    /// `files_read` and `files_skipped`.
    package let statementLog: String
    private let server: ChildServer

    /// Serves the Delta tables under `warehouseRoot` (`<catalog>/<schema>/<table>`).
    package init(warehouseRoot: String) throws {
        statementLog = warehouseRoot + "/bridge-statements-\(UUID().uuidString).jsonl"
        server = try ChildServer(
            [
                try StandInPython.executable(),
                WorkspaceStandIn.scripts.appendingPathComponent("standin_bridge.py").path,
                "--warehouse-root", warehouseRoot, "--statement-log", statementLog,
            ],
            name: "Spark bridge stand-in", isReady: { $0.hasPrefix("socket ") })
        socketPath = String(server.firstLine.dropFirst("socket ".count))
    }

    /// The data files each statement logged so far whose text contains `text` would read and skip on
    /// Databricks, for the statements that scanned a table.
    package func scans(containing text: String) throws -> [(read: Int, skipped: Int)] {
        try WorkspaceStandIn.scans(in: statementLog, containing: text)
    }
}
