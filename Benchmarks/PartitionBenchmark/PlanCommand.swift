import Foundation
import Logging
import SyncCore

/// `plan`: plans the tree's parts for each `--counts` (`1,4,16`) from the store's rows, as
/// `dxrsync partition` does (`PartitionPlan.make`), and prints one JSON line per count: the plan
/// and how long making it took.
enum PlanCommand {
    static func run(_ arguments: Arguments, logger: Logger) async throws {
        let options = try StoreOptions(arguments)
        let tree = try SyntheticTree(arguments)
        let counts = try arguments.parsed("counts", default: "1,4,16") { text in
            let counts = text.split(separator: ",").compactMap { Int($0) }
            return counts.isEmpty ? nil : counts
        }
        try await options.withStore(logger: logger) { store in
            try await store.prepare()
            for count in counts {
                let start = ContinuousClock.now
                let plan = try await PartitionPlan.make(
                    count: count, scope: options.scope, store: store, source: SyntheticVolumeSource(tree: tree),
                    excludes: [])
                let seconds = (ContinuousClock.now - start).seconds
                print(#"{"count": \#(count), "seconds": \#(seconds), "plan": \#(try SortedJSON.text(plan))}"#)
            }
        }
    }
}
