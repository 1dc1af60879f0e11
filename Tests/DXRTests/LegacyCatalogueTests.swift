import DXREmulator
import Foundation
import HTTPSupport
import SyncCore
import Testing

@testable import DXR

/// An older DXR has no `/v1/classifications`: its rules are read from the paged tag list and the
/// six data-class lists, in the shapes the real service answers (the emulator's legacy mode).
@Suite struct LegacyCatalogueTests {
    /// Every page of the tag list is read: more labels than one page of 1,000 holds.
    @Test func everyPageOfTheTagListIsRead() async throws {
        let labels = (1...1_500).map { LabelRule(id: 1_000 + $0, name: "Label \($0)", description: "", detectors: [1]) }
        try await Self.withLegacyDXR { store, fingerprint in
            await store.setRules(labels)
            let read = try #require(try await fingerprint())
            #expect(read.hasPrefix("\(labels.count + Detector.all.count)-"))
        }
    }

    /// The fingerprint stays put while nothing changes and moves when a label's rule changes,
    /// though its name does not: an older DXR gives no update times.
    @Test func theFingerprintFollowsARuleChange() async throws {
        try await Self.withLegacyDXR { store, fingerprint in
            let before = try #require(try await fingerprint())
            #expect(try await fingerprint() == before)
            var rules = LabelRule.all
            rules[0] = LabelRule(
                id: rules[0].id, name: rules[0].name, description: rules[0].description, detectors: [2])
            await store.setRules(rules, at: LabelRuleSet().updatedAt)
            let after = try #require(try await fingerprint())
            #expect(after != before)
        }
    }

    /// Runs `body` with an emulated older DXR's store and a way to read its fingerprint.
    static func withLegacyDXR(
        _ body: (EmulatorStore, () async throws -> String?) async throws -> Void
    ) async throws {
        let emulator = EmulatorConfiguration(token: EmulatorHarness.token, datasourceIDs: ["41"], catalogue: .legacy)
        try await DXREmulatorServer.withRunning(emulator) { running in
            try await DXRConnection.withConnection(
                EmulatorHarness().configuration(url: running.url), token: Secret(EmulatorHarness.token),
                retry: EmulatorHarness.fastRetry, logger: EmulatorHarness.logger
            ) { connection in
                try await body(running.store) { try await connection.classifier().fingerprint() }
            }
        }
    }

    /// Every shape a catalogue list comes in: the public API's `data`, a plain list, a Spring
    /// Data page's `content`, and the older data-class answer's lists by kind.
    @Test func catalogueItemsAreFoundInEveryShape() throws {
        func json(_ text: String) throws -> JSONValue {
            try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        }
        let ids: (JSONValue) -> [String]? = { answer in
            ClassifierFingerprint.items(in: answer)?.compactMap { $0["id"]?.text }
        }
        #expect(ids(try json(#"{"status":"ok","data":[{"id":"a"}]}"#)) == ["a"])
        #expect(ids(try json(#"[{"id":1},{"id":2}]"#)) == ["1", "2"])
        #expect(ids(try json(#"{"content":[{"id":3}],"last":true,"totalPages":1}"#)) == ["3"])
        let dataClasses = try json(
            #"{"dictionaries":[{"id":4}],"readOnlyDictionaries":[],"regexes":[{"id":5}],"readOnlyRegexes":[{"id":6}],"namedEntities":[],"readOnlyNamedEntities":[{"id":7}]}"#
        )
        #expect(ids(dataClasses).map { Set($0) } == ["4", "5", "6", "7"])
        #expect(ids(try json(#"{"error":"Not found"}"#)) == nil)
        #expect(ids(try json(#""text""#)) == nil)
    }
}
