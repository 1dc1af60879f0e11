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

    /// The bundle resources, as a ``YAMLNode`` tree.
    package var resourcesYAML: String {
        let dashboardResource: YAMLNode = [
            "display_name": "DXR classifications: \(configuration.qualifiedName)",
            "file_path": "./\(Self.dashboardFile)",
            "warehouse_id": Self.variable("warehouse_id"),
        ]
        let resources: YAMLNode = [
            "resources": [
                "dashboards": ["dxrsync_governance": dashboardResource],
                "alerts": .mapping(alerts.alerts.map { .init(key: "dxrsync_\($0.key)", value: Self.resource($0)) }),
            ]
        ]
        return resources.document(
            comment: """
                The AI/BI dashboard and SQL alerts over \(configuration.qualifiedName) and its governance views,
                written by `dxrsync views --write-bundle` (run it again for another table). Both run on the SQL
                warehouse ${var.warehouse_id}; the alerts notify the destination ${var.alert_destination_id}.
                """)
    }

    /// An alert as a bundle resource: its query (the text YAML reads ends with a line break, as the
    /// query text of a `|` block does), checked on `${var.alert_schedule}`.
    private static func resource(_ alert: GovernanceAlerts.Alert) -> YAMLNode {
        let threshold: YAMLNode =
            switch alert.threshold {
            case .number(let value): .number(value)
            case .variable(let name): variable(name)
            }
        return [
            "display_name": "dxrsync: \(alert.title)",
            "warehouse_id": variable("warehouse_id"),
            "query_text": "\(alert.query)\n",
            "evaluation": [
                "source": ["name": .string(alert.column)],
                "comparison_operator": .string(alert.comparison),
                "threshold": ["value": ["double_value": threshold]],
                "empty_result_state": "OK",
                "notification": [
                    "notify_on_ok": false,
                    "subscriptions": [["destination_id": variable("alert_destination_id")]],
                ],
            ],
            "schedule": ["quartz_cron_schedule": variable("alert_schedule"), "timezone_id": "UTC"],
        ]
    }

    /// A reference to the bundle variable `name`, which the deployment sets.
    private static func variable(_ name: String) -> YAMLNode { "${var.\(name)}" }

    /// Writes both files into `directory`.
    package func write(to directory: String) throws {
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(dashboardJSON().utf8).write(to: folder.appendingPathComponent(Self.dashboardFile), options: .atomic)
        try Data(resourcesYAML.utf8).write(to: folder.appendingPathComponent(Self.resourcesFile), options: .atomic)
    }
}
