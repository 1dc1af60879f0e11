import Foundation
import SyncCore
import Testing

/// The catalogue is complete, and the documentation generated from it keeps what it is given.
@Suite struct SettingsCatalogueTests {
    /// The variable names of the `Setting` declarations in Settings.swift, in order.
    static let declaredNames: [String] = {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SyncCore/Configuration/Settings.swift")
        let text = (try? String(contentsOf: source, encoding: .utf8)) ?? ""
        return text.matches(of: /static let \w+ = Setting(?:<[^>]*>)?\(\s*"([A-Z][A-Z0-9_]*)"/).map { String($0.1) }
    }()

    @Test func allIsExactlyTheDeclarationsInTheirOrder() {
        #expect(Self.declaredNames.count > 40, "Settings.swift was not read or its declarations changed form")
        #expect(
            Settings.all.map(\.name) == Self.declaredNames,
            "Settings.all must list every Setting declared in Settings.swift once, in the same order")
    }

    @Test func theSettingsTableHasARowPerVariableWithItsDefault() {
        let rows = SettingsDocumentation.Section.settings.table.split(separator: "\n")
        #expect(rows.count == Settings.all.count + 2)
        #expect(rows.contains("| `VOLUME_NAME` | required | \(Settings.volumeName.variable.summary) |"))
        #expect(rows.contains { $0.hasPrefix("| `DXR_BASE_URL` | required for sync |") })
        #expect(rows.contains { $0.hasPrefix("| `DXR_MAX_BYTES_PER_JOB` | `30MiB` |") })
        #expect(rows.contains { $0.hasPrefix("| `DXR_API_TOKEN` | none |") })
    }

    @Test func theExitCodeTableHasEveryCode() {
        let table = SettingsDocumentation.Section.exitCodes.table
        for status in ExitStatus.allCases {
            #expect(table.contains("| \(status.rawValue) | \(status.meaning) |"))
        }
    }

    @Test func updatingReplacesOnlyWhatIsBetweenTheMarkers() throws {
        let section = SettingsDocumentation.Section.exitCodes
        let end = SettingsDocumentation.endMarker
        let stale = "intro\n\(section.startMarker)\n| old |\n\(end)\nmiddle\n\(section.startMarker)\n\(end)\noutro\n"
        let updated = try SettingsDocumentation.updated(stale)
        let current = "\(section.startMarker)\n\n\(section.table)\n\n\(end)"
        #expect(updated == "intro\n\(current)\nmiddle\n\(current)\noutro\n")
        #expect(try SettingsDocumentation.updated(updated) == updated)
        #expect(try SettingsDocumentation.updated("no sections\n") == "no sections\n")
    }

    @Test func aSectionWithoutItsEndIsAnError() {
        let section = SettingsDocumentation.Section.settings
        #expect(throws: SettingsDocumentation.UnterminatedSection.self) {
            try SettingsDocumentation.updated("\(section.startMarker)\n| table |\n")
        }
    }
}
