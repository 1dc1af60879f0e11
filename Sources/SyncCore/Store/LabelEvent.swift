import Foundation

/// A label or detector that appeared on, or disappeared from, a file in a run: one row of the
/// label history (`<table>_events`).
package struct LabelEvent: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case label = "LABEL"
        case detector = "DETECTOR"
    }
    package enum Change: String, Sendable, Hashable {
        case added = "ADDED"
        case removed = "REMOVED"
    }

    package var runID: String
    package var filePath: String
    /// The label or detector name.
    package var item: String
    package var kind: Kind
    package var change: Change
    package var at: Date

    package init(runID: String, filePath: String, item: String, kind: Kind, change: Change, at: Date) {
        self.runID = runID
        self.filePath = filePath
        self.item = item
        self.kind = kind
        self.change = change
        self.at = at
    }

    /// The events between what a file carried before (`old`, `nil` for a file never classified)
    /// and what a new classification says.
    package static func changes(
        from old: (labels: [String], detectors: [String])?, to new: FileRecord, at date: Date
    ) -> [LabelEvent] {
        guard new.status == .classified else { return [] }
        var events: [LabelEvent] = []
        func compare(_ before: [String], _ after: [String], _ kind: Kind) {
            let (was, now) = (Set(before), Set(after))
            for item in after where !was.contains(item) {
                events.append(
                    .init(runID: new.runID, filePath: new.filePath, item: item, kind: kind, change: .added, at: date))
            }
            for item in before where !now.contains(item) {
                events.append(
                    .init(runID: new.runID, filePath: new.filePath, item: item, kind: kind, change: .removed, at: date))
            }
        }
        compare(old?.labels ?? [], new.labels, .label)
        compare(old?.detectors ?? [], new.annotators, .detector)
        return events
    }

    /// The cells of the event row, in the order of ``MetadataSchema/eventColumns``.
    package var columnValues: [ColumnValue] {
        [.text(runID), .text(filePath), .text(item), .text(kind.rawValue), .text(change.rawValue), .timestamp(at)]
    }
}
