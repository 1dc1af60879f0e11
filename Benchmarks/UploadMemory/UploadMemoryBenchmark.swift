import DXR
import Foundation
import Glibc
import Logging
import SyncCore

/// Uploads every file of a folder to DXR, one job per file, and prints the process's peak
/// resident memory. Run by `scripts/bench-upload-memory.sh` against `dxrsync emulate-dxr` in
/// another process, so the figure is the client's alone.
///
///     UploadMemoryBenchmark <folder> <dxr-url> <token> <datasource-id>
@main
struct UploadMemoryBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 5, let url = URL(string: arguments[2]) else {
            FileHandle.standardError.write(
                Data("usage: UploadMemoryBenchmark <folder> <dxr-url> <token> <datasource-id>\n".utf8))
            exit(2)
        }
        let source = LocalVolumeSource(root: arguments[1])
        let files = try await source.list().files
        let configuration = DXRConfiguration(
            baseURL: url, datasourceIDs: [arguments[4]], token: .direct(Secret(arguments[3])), pollIntervalSeconds: 0.2)
        let start = ContinuousClock.now
        let outcomes = try await DXRConnection.withConnection(
            configuration, token: Secret(arguments[3]), logger: Logger(label: "bench")
        ) { connection in
            let classifier = connection.classifier()
            var outcomes: [FileOutcome] = []
            for (index, file) in files.enumerated() {
                outcomes += try await classifier.classify(FileBatch(index: index, files: [file]), from: source)
            }
            return outcomes
        }
        let elapsed = ContinuousClock.now - start
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let bytes = files.reduce(Int64(0)) { $0 + $1.size }
        let classified = outcomes.filter { $0.status == .classified }.count
        print(
            "files=\(files.count) bytes=\(bytes) classified=\(classified) seconds=\(elapsed) peak_rss_mib=\(usage.ru_maxrss / 1024)"
        )
    }
}
