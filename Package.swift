// swift-tools-version:6.2
// The dxrsync package: keeps a Unity Catalog table of Data X-Ray classifications for a UC Volume.
//
// Linux only: the volume walker, the path keys and the upload reader use Glibc directly
// (`openat`/`readdir`/`fstatat`, `memcmp`), which is what a Databricks cluster and CI run.
// Modules share their types with `package` access; the only product is the executable.

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    // https://github.com/apple/swift-evolution/blob/main/proposals/0335-existential-any.md
    .enableUpcomingFeature("ExistentialAny"),
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
    .enableUpcomingFeature("MemberImportVisibility"),
]

// The products several targets use, named once.
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")

let package = Package(
    name: "dxrsync",
    products: [
        .executable(name: "dxrsync", targets: ["dxrsync"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .target(name: "SyncCore", dependencies: [logging, crypto], swiftSettings: swiftSettings),
        // The report page; its script and styles are files in Sources/ReportPage/Assets, compiled in
        // as string constants by the EmbedAssets plugin (resources would need a bundle folder beside
        // the binary).
        .target(
            name: "ReportPage", dependencies: ["SyncCore"], exclude: ["Assets"], swiftSettings: swiftSettings,
            plugins: ["EmbedAssets"]),
        .plugin(name: "EmbedAssets", capability: .buildTool(), dependencies: ["EmbedAssetsTool"]),
        .executableTarget(name: "EmbedAssetsTool", path: "Plugins/EmbedAssetsTool", swiftSettings: swiftSettings),
        .target(name: "GovernanceBundle", dependencies: ["SyncCore"], swiftSettings: swiftSettings),
        .target(
            name: "HTTPSupport", dependencies: [asyncHTTPClient, logging, nioCore, nioHTTP1, nioSSL],
            swiftSettings: swiftSettings),
        .target(
            name: "DXR",
            dependencies: ["SyncCore", "HTTPSupport", asyncHTTPClient, crypto, logging, nioCore, nioHTTP1, nioSSL],
            swiftSettings: swiftSettings),
        .target(
            name: "Databricks",
            dependencies: ["SyncCore", "HTTPSupport", asyncHTTPClient, logging, nioCore, nioHTTP1, nioPosix],
            swiftSettings: swiftSettings),
        .target(
            name: "SQLiteStore", dependencies: ["SyncCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .target(
            name: "DXREmulator",
            dependencies: [
                "SyncCore", crypto, logging, nioCore, nioSSL,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "dxrsync",
            dependencies: [
                "SyncCore", "HTTPSupport", "DXR", "Databricks", "SQLiteStore", "DXREmulator", "ReportPage",
                "GovernanceBundle", logging, .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "StoreBenchmark", dependencies: ["Databricks", "SQLiteStore", "SyncCore", logging],
            path: "Benchmarks/StoreBenchmark", swiftSettings: swiftSettings),
        // Partitioned syncs over a synthetic ten-million-file volume, for `Benchmarks/bench.py --scale 10m`.
        .executableTarget(
            name: "PartitionBenchmark",
            dependencies: [
                "Databricks", "DXR", "SQLiteStore", "SyncCore", logging, .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/PartitionBenchmark", swiftSettings: swiftSettings),
        .target(
            name: "TestSupport", dependencies: ["SyncCore"], path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DXRTests",
            dependencies: ["DXR", "DXREmulator", "HTTPSupport", "SyncCore", "TestSupport", logging, nioCore, nioSSL],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "DXREmulatorTests", dependencies: ["DXREmulator", "SyncCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SQLiteStoreTests", dependencies: ["SQLiteStore", "SyncCore", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "DatabricksTests", dependencies: ["Databricks", "HTTPSupport", "SyncCore", "TestSupport", logging],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "SyncCore", "DXR", "DXREmulator", "SQLiteStore", "HTTPSupport", "TestSupport", logging,
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "dxrsyncTests",
            dependencies: [
                "dxrsync", "SyncCore", "SQLiteStore", "DXREmulator", "DXR", "Databricks", "GovernanceBundle",
                "HTTPSupport", "TestSupport", logging, .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
    ]
)
