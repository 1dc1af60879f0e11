import Databricks
import Foundation
import Logging
import SQLiteStore
import SyncCore

/// Writes ROWS synthetic rows into a metadata store in one `upsert` and prints, as JSON, how long
/// it took; or (`read`) reads the stored state of an existing Delta table under a path prefix as a
/// sync does, and prints how long that took and in how many chunks. Run by `Benchmarks/bench.py`.
///
///     StoreBenchmark sqlite <path> <rows>
///     StoreBenchmark delta <workspace-url> <token> <warehouse-id> <catalog> <schema> <rows>
///     StoreBenchmark read <workspace-url> <token> <warehouse-id> <catalog> <schema> <table> <path-prefix>
@main
struct StoreBenchmark {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let logger = Logger.quiet("store-benchmark", level: .error)
        switch (arguments.first, arguments.count) {
        case ("sqlite", 3):
            let store = try SQLiteMetadataStore(
                path: arguments[1], table: "bench_metadata")
            try await measure(store, rows: Int(arguments[2]) ?? 0)
        case ("delta", 7):
            let configuration = DatabricksConfiguration(host: URL(string: arguments[1]), token: Secret(arguments[2]))
            try await WorkspaceConnection.withConnection(configuration, logger: logger) { client in
                let metadata = MetadataConfiguration(
                    catalog: arguments[4], schema: arguments[5], table: "bench_metadata",
                    backend: .databricks(warehouseID: arguments[3]))
                let store = DeltaMetadataStore(
                    executor: SQLWarehouse(client: client, warehouseID: arguments[3]), configuration: metadata,
                    logger: logger)
                try await measure(store, rows: Int(arguments[6]) ?? 0)
            }
        case ("read", 8):
            let configuration = DatabricksConfiguration(host: URL(string: arguments[1]), token: Secret(arguments[2]))
            try await WorkspaceConnection.withConnection(configuration, logger: logger) { client in
                let metadata = MetadataConfiguration(
                    catalog: arguments[4], schema: arguments[5], table: arguments[6],
                    backend: .databricks(warehouseID: arguments[3]))
                let store = DeltaMetadataStore(
                    executor: SQLWarehouse(client: client, warehouseID: arguments[3]), configuration: metadata,
                    logger: logger)
                try await measureRead(store, under: arguments[7])
            }
        default:
            FileHandle.standardError.write(
                Data(
                    """
                    usage: StoreBenchmark sqlite <path> <rows>
                           StoreBenchmark delta <workspace-url> <token> <warehouse-id> <catalog> <schema> <rows>
                           StoreBenchmark read <workspace-url> <token> <warehouse-id> <catalog> <schema> <table> <prefix>

                    """.utf8))
            exit(2)
        }
    }

    static func measure(_ store: some MetadataStore, rows: Int) async throws {
        try await store.prepare()
        let now = Date()
        let scope = VolumeScope(catalog: "bench", schema: "store", volume: "docs")
        let records = (0..<rows).map { index in
            let relative = "folder-\(index % 1_000)/file-\(index).txt"
            return FileRecord(
                filePath: scope.filePath(relativePath: relative), relativePath: relative, catalogName: "bench",
                schemaName: "store", volumeName: "docs", fileSize: Int64(index % 5_000),
                modificationTime: 1_700_000_000,
                datasourceID: "1", datasourceScanID: Int64(index / 1_000), jobID: "job-\(index / 1_000)",
                labels: index % 3 == 0 ? ["PII"] : [], tags: index % 3 == 0 ? ["101"] : [], categories: ["HR"],
                rawMetadata: #"{"dxr#file_name":"file.txt","ai#category":["HR"]}"#, collectedAt: now,
                status: .classified, attempts: 1, dxrFileID: "f-\(index)", sha256: String(repeating: "a", count: 64),
                mimeType: "text/plain", annotators: index % 3 == 0 ? ["Email"] : [], firstSeenAt: now, runID: "bench")
        }
        let start = ContinuousClock.now
        try await store.upsert(records)
        let written = ContinuousClock.now
        var stored = 0
        try await store.readStoredStates(under: scope.rootPath + "/") { stored += $0.count }
        let read = ContinuousClock.now
        _ = try await store.report(ReportQuery(scope: scope.rootPath))
        let reported = ContinuousClock.now
        print(
            #"{"rows": \#(rows), "stored": \#(stored), "seconds": \#(seconds(written - start)), "#
                + #""read_seconds": \#(seconds(read - written)), "report_seconds": \#(seconds(reported - read))}"#)
    }

    /// Reads every stored state under `prefix`, as reconciliation does.
    static func measureRead(_ store: some MetadataStore, under prefix: String) async throws {
        let start = ContinuousClock.now
        var (rows, chunks, largest) = (0, 0, 0)
        try await store.readStoredStates(under: prefix) { states in
            rows += states.count
            chunks += 1
            largest = max(largest, states.count)
        }
        print(
            #"{"rows": \#(rows), "chunks": \#(chunks), "largest_chunk_rows": \#(largest), "#
                + #""seconds": \#(seconds(ContinuousClock.now - start))}"#)
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.3f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
