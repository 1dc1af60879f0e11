import SyncCore
import Testing

@Suite struct ShardTests {
    @Test func parsesOneBasedShardsAndRefusesTheRest() {
        #expect(Shard(parsing: "2/4") == Shard(index: 2, count: 4))
        #expect(Shard(parsing: "1/1")?.description == "1/1")
        for bad in ["0/4", "5/4", "4", "a/b", "1/0", "-1/3", "1/2/3", "", "1/2000"] {
            #expect(Shard(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func everyPathFallsInExactlyOneShardTheSameWayEveryTime() {
        let paths = (0..<2_000).map { "folder \($0 % 17)/file-\($0).txt" } + ["é.txt", "e\u{301}.txt", "x'); --"]
        for count in [1, 2, 3, 7] {
            let shards = (1...count).map { Shard(index: $0, count: count)! }
            var sizes = Array(repeating: 0, count: count)
            for path in paths {
                let owners = shards.filter { $0.contains(relativePath: path) }
                #expect(owners.count == 1)
                sizes[owners[0].index - 1] += 1
            }
            // Roughly even: no shard gets less than half its share.
            #expect(sizes.allSatisfy { $0 > paths.count / count / 2 })
        }
        // The hash (FNV-1a, 64 bits) is part of the contract between runs: pinned here, values from
        // an independent implementation.
        let pinned: [(String, Int, Int)] = [
            ("a.txt", 3, 1), ("sub dir/ünïcode é.csv", 2, 7), ("x'); DROP TABLE t; --.txt", 3, 5),
        ]
        for (path, ofFour, ofSeven) in pinned {
            #expect(Shard(index: ofFour, count: 4)!.contains(relativePath: path), "\(path)")
            #expect(Shard(index: ofSeven, count: 7)!.contains(relativePath: path), "\(path)")
        }
    }
}
