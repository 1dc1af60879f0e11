import Foundation
import Logging
import SyncCore

/// Partitioned runs over a volume that exists only in its listing (``SyntheticTree``: 100 × 100 ×
/// 1,000 files by default), one process per part, so that `Benchmarks/bench.py --scale 10m` can
/// measure each part's peak memory on its own. Every command takes the store options
/// (``StoreOptions``) and `--tree` / `--seed`.
///
///     PartitionBenchmark seed --sqlite PATH --dxr URL --token T [--local ROOT]
///     PartitionBenchmark plan (--sqlite PATH | --workspace URL --pat T --warehouse ID) [--counts 1,4,16]
///     PartitionBenchmark part (--sqlite PATH | --workspace …) --dxr URL --token T [--datasources 1,2]
///                             [--part '["t000/**"]'] [--bitmap FILE]
@main
struct PartitionBenchmark {
    static let usage = """
        usage: PartitionBenchmark seed --sqlite PATH --dxr URL --token T [--local ROOT] [--tree 100x100x1000]
               PartitionBenchmark plan (--sqlite PATH | --workspace URL --pat T --warehouse ID) [--counts 1,4,16]
               PartitionBenchmark part (--sqlite PATH | --workspace URL --pat T --warehouse ID) --dxr URL --token T
                                       [--datasources 1,2] [--part JSON] [--bitmap FILE]
        every command: [--tree TOPSxSUBSxFILES] [--seed N] [--catalog C --schema S --volume V] [--table T]

        """

    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        let logger = Logger.quiet("partition-benchmark", level: .error)
        do {
            let options = try Arguments(arguments.dropFirst())
            switch arguments.first {
            case "seed": try await SeedCommand.run(options, logger: logger)
            case "plan": try await PlanCommand.run(options, logger: logger)
            case "part": try await PartCommand.run(options, logger: logger)
            default: throw UsageError("unknown command '\(arguments.first ?? "")'")
            }
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("\(error)\n\(usage)".utf8))
            exit(2)
        }
    }
}
