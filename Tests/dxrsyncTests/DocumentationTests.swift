import Foundation
import SyncCore
import Testing

/// The README stays in step with the code.
@Suite struct DocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(of path: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    static let readme = text(of: "README.md")

    /// The tables of variables and exit codes are generated from the catalogue (`Settings`,
    /// `ExitStatus`); a file whose tables differ was edited by hand or not regenerated.
    @Test(arguments: ["README.md", "docs/deploy-databricks.md"])
    func generatedTablesAreCurrent(path: String) throws {
        let text = Self.text(of: path)
        #expect(!text.isEmpty, "\(path) was not read")
        #expect(
            try SettingsDocumentation.updated(text) == text,
            "\(path)'s generated tables differ from the code: run `swift run dxrsync docs --update \(path)`")
    }

    @Test func theReadmeHoldsBothGeneratedTables() {
        for section in SettingsDocumentation.Section.allCases {
            #expect(Self.readme.contains(section.startMarker), "README lacks the section of docs \(section.flag)")
        }
    }

    /// `report`'s defaults are `ReportQuery`'s; the README states them in its prose.
    @Test func theReportDefaultsAreStated() {
        #expect(Self.readme.contains("behind each label (default \(ReportQuery.defaultFilesPerLabel))"))
        #expect(Self.readme.contains("files of each label (default \(ReportQuery.defaultFilesPerLabelOnPage))"))
    }

    @Test func theTwoSetUpCommandsAreStated() {
        #expect(Self.readme.contains("swift build --build-tests && swift test --skip-build"))
        #expect(Self.readme.contains("swift run dxrsync demo"))
        #expect(Self.readme.contains("swift run dxrsync plan"))
    }
}
