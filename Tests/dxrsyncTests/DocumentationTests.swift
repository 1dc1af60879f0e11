import Foundation
import SyncCore
import Testing

/// The README stays in step with the code.
@Suite struct DocumentationTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    @Test func everyConfigurationVariableIsDocumented() {
        #expect(!Self.readme.isEmpty)
        for variable in ConfigurationVariable.all {
            #expect(Self.readme.contains("| `\(variable.name)` |"), "README lacks a row for \(variable.name)")
        }
    }

    @Test func theTwoSetUpCommandsAreStated() {
        #expect(Self.readme.contains("swift build --build-tests && swift test --skip-build"))
        #expect(Self.readme.contains("swift run dxrsync demo"))
        #expect(Self.readme.contains("swift run dxrsync plan"))
    }
}
