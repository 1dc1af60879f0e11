import Foundation
import Logging
import SyncCore
import Synchronization

/// `part`: one sync of one part of the tree (`--part`, a `DXRSYNC_PART` value) against the store
/// and the DXR given, in this process alone, as `dxrsync sync` runs it; prints what it did as JSON
/// and writes the bitmap of the files it listed to `--bitmap`.
enum PartCommand {
    static func run(_ arguments: Arguments, logger: Logger) async throws {
        let options = try StoreOptions(arguments)
        let tree = try SyntheticTree(arguments)
        let selections = try arguments.parsed("part", default: #"["**"]"#) { text -> [FolderSelection]? in
            guard let values = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return nil }
            let selections = values.compactMap(FolderSelection.init(parsing:))
            return selections.count == values.count && !selections.isEmpty ? selections : nil
        }
        let limits = PlanningLimits(
            maxBytesPerJob: 64 << 20, maxFilesPerJob: try arguments.parsed("files-per-job", default: "500") { Int($0) })
        let dxr = try DXROptions(arguments)
        let source = MeasuredSource(SyntheticVolumeSource(tree: tree))
        let start = ContinuousClock.now
        let (summary, tally) = try await options.withStore(logger: logger) { base in
            let store = CountingStore(base)
            let summary = try await dxr.withClassifier(logger: logger) { classifier in
                let pipeline = SyncPipeline(
                    scope: options.scope, limits: limits, maxConcurrentJobs: dxr.configuration.maxConcurrentJobs,
                    source: source, classifier: classifier, store: store, logger: logger, selections: selections)
                return try await pipeline.run(stopRequests: AsyncStream { _ in })
            }
            return (summary, store.tally.withLock { $0 })
        }
        let seconds = (ContinuousClock.now - start).seconds
        let listing = source.tally.withLock { $0 }
        if let bitmap = arguments.optional("bitmap") {
            try Data(listing.listed).write(to: URL(fileURLWithPath: bitmap))
        }
        let result = PartResult(
            selections: selections.count, seconds: seconds, listCalls: listing.calls,
            listSeconds: listing.duration.seconds, listed: listing.files, listedTwice: listing.repeats,
            mismatched: listing.mismatched, store: tally, summary: summary)
        print(try SortedJSON.text(result))
    }
}

/// What `part` prints.
struct PartResult: Encodable {
    var selections: Int
    /// The whole run, from opening the store to its summary.
    var seconds: Double
    var listCalls: Int
    /// Time in the source's `list`, every selection together.
    var listSeconds: Double
    var listed: Int
    var listedTwice: Int
    var mismatched: Int
    var store: CountingStore.Tally
    var summary: RunSummary

    enum CodingKeys: String, CodingKey {
        case selections, seconds, listed, mismatched, store, summary
        case listCalls = "list_calls"
        case listSeconds = "list_seconds"
        case listedTwice = "listed_twice"
    }
}
