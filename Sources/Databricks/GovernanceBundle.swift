import Foundation
import SyncCore

/// The bundle files for one metadata table's dashboard and alerts (`dxrsync views --write-bundle`):
/// `governance.lvdash.json`, and `governance.yml` declaring the dashboard and the alerts as
/// bundle resources that run on `${var.warehouse_id}` and notify `${var.alert_destination_id}`.
package struct GovernanceBundle: Sendable {
    package static let dashboardFile = "governance.lvdash.json"
    package static let resourcesFile = "governance.yml"

    package let configuration: MetadataConfiguration
    package let dashboard: GovernanceDashboard
    package let alerts: GovernanceAlerts

    package init(configuration: MetadataConfiguration) {
        self.configuration = configuration
        dashboard = GovernanceDashboard(configuration: configuration)
        alerts = GovernanceAlerts(configuration: configuration)
    }

    /// The dashboard file, pretty-printed with sorted keys so that it diffs well.
    package func dashboardJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(dashboard.document), as: UTF8.self) + "\n"
    }

    /// The bundle resources.
    package var resourcesYAML: String {
        var lines = [
            "# The AI/BI dashboard and SQL alerts over \(configuration.qualifiedName) and its governance views,",
            "# written by `dxrsync views --write-bundle` (run it again for another table). Both run on the SQL",
            "# warehouse ${var.warehouse_id}; the alerts notify the destination ${var.alert_destination_id}.",
            "resources:",
            "  dashboards:",
            "    dxrsync_governance:",
            "      display_name: \(Self.quoted("DXR classifications: \(configuration.qualifiedName)"))",
            "      file_path: ./\(Self.dashboardFile)",
            "      warehouse_id: ${var.warehouse_id}",
            "  alerts:",
        ]
        for alert in alerts.alerts {
            lines += [
                "    dxrsync_\(alert.key):",
                "      display_name: \(Self.quoted("dxrsync: \(alert.title)"))",
                "      warehouse_id: ${var.warehouse_id}",
                "      query_text: |",
            ]
            lines += alert.query.split(separator: "\n").map { "        " + $0 }
            lines += [
                "      evaluation:",
                "        source:",
                "          name: \(alert.column)",
                "        comparison_operator: \(alert.comparison)",
                "        threshold:",
                "          value:",
                "            double_value: \(alert.threshold)",
                "        empty_result_state: OK",
                "        notification:",
                "          notify_on_ok: false",
                "          subscriptions:",
                "            - destination_id: ${var.alert_destination_id}",
                "      schedule:",
                "        quartz_cron_schedule: ${var.alert_schedule}",
                "        timezone_id: UTC",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes both files into `directory`.
    package func write(to directory: String) throws {
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(dashboardJSON().utf8).write(to: folder.appendingPathComponent(Self.dashboardFile), options: .atomic)
        try Data(resourcesYAML.utf8).write(to: folder.appendingPathComponent(Self.resourcesFile), options: .atomic)
    }

    /// A double-quoted YAML scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
