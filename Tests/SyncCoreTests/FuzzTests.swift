import Foundation
import SyncCore
import TestSupport
import Testing

/// Seeded random and mutated input for the parsers that read what users type: every input ends in
/// a value or a typed error, never a crash. Seeds that once found a bug stay in `regressions`.
@Suite struct FuzzTests {
    static let iterations = 3_000

    /// Pieces inputs are made of: valid forms, separators, and the characters that break parsers.
    static let atoms = [
        "VOLUME_NAME", "volume-name", "--volume-name", "DXR_MAX_BYTES_PER_JOB", "30MiB", "=", "==", "--", "-", " ",
        "\t", "\n", "\r\n", "\"", "'", "\\", "`", "$", "é", "e\u{301}", "\u{0}", "\u{202E}", "🔒", "true", "no", "1/0",
        "2/4", "-1", "99999999999999999999", "1e308", "KiB", "MB", "https://", "http://[::1", "/Volumes", "..", "a.b",
        "DXR_DATASOURCE_ID", "1,,2", ",", "DATABRICKS_HOST", "METADATA_TABLE", "x; DROP TABLE t; --", "DXRSYNC_SHARD",
    ]

    static func randomText(_ generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...5, using: &generator)).map { _ in atoms.randomElement(using: &generator)! }.joined()
    }

    @Test(arguments: [1, 2, 3, 4])
    func jobParametersEndInAValueOrATypedError(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<Self.iterations {
            let tokens = (0..<Int.random(in: 0...6, using: &generator)).map { _ in Self.randomText(&generator) }
            do {
                let parsed = try JobParameters.parse(tokens)
                #expect(parsed.keys.allSatisfy { !$0.isEmpty })
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func configurationEndsInAValueOrOneErrorNamingVariables(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let names = ConfigurationVariable.all.map(\.name)
        for _ in 0..<Self.iterations {
            var environment: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                environment[names.randomElement(using: &generator)!] = Self.randomText(&generator)
            }
            let sources = ConfigurationSources(environment: environment)
            do {
                let configuration = try ConfigurationLoader.loadSync(from: sources)
                #expect(!configuration.plan.volume.scope.rootPath.isEmpty)
            } catch {
                #expect(names.contains { error.description.contains($0) })
            }
        }
    }

    /// Inputs that once crashed or misparsed; kept so they never come back.
    @Test(arguments: [
        ["--", "=x"], ["--volume-name"], ["=value"], ["VOLUME_NAME=a=b=c"], ["--volume-name=", "--dxr-debug"],
    ])
    func regressions(tokens: [String]) {
        do {
            _ = try JobParameters.parse(tokens)
        } catch {
            #expect(!error.description.isEmpty)
        }
    }
}
