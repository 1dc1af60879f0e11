import Foundation

/// The Unity Catalog tags `DXRSYNC_TAG_VOLUME` sets on the scanned volume after a successful run:
/// a summary of the whole volume from the report's aggregates, with label names and counts only,
/// never anything read from a file.
///
/// Unity Catalog's limits (https://docs.databricks.com/en/database-objects/tags.html): at most 50
/// tags on an object, keys up to 255 characters without `. , - = / :`, values up to 1,000
/// characters. The label list is cut to fit, ending in `…` and how many labels were left out.
package struct VolumeTags: Sendable, Hashable {
    /// One tag.
    package struct Tag: Sendable, Hashable {
        package var key: String
        package var value: String

        package init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The tags, in the order they are set.
    package var tags: [Tag]

    /// The longest tag value Unity Catalog accepts.
    package static let maxValueLength = 1_000

    package init(_ tags: [Tag]) { self.tags = tags }

    /// The tags that summarise `report` (made for the whole volume) after a run that finished at
    /// `scannedAt`: the effective labels that occur, the files with at least one of them, the
    /// live files and the time.
    package init(summarising report: StoreReport, scannedAt: Date) {
        let labels = report.byLabel.filter { $0.value.files > 0 }.keys.sorted()
        tags = [
            Tag("dxr_labels", Self.list(labels)),
            Tag("dxr_sensitive_files", String(report.filesWithFindings.total)),
            Tag("dxr_files", String(report.files)),
            Tag("dxr_last_scan", Timestamps.text(scannedAt)),
        ]
    }

    /// `names` joined by commas, cut to ``maxValueLength`` with a count of what was left out.
    package static func list(_ names: [String]) -> String {
        let whole = names.joined(separator: ",")
        guard whole.count > maxValueLength else { return whole }
        let room = maxValueLength - ",… 99999 more".count
        var kept: [String] = []
        var length = 0
        for name in names {
            let added = (kept.isEmpty ? 0 : 1) + name.count
            guard length + added <= room else { break }
            kept.append(name)
            length += added
        }
        return kept.joined(separator: ",") + ",… \(names.count - kept.count) more"
    }
}

/// A store that can set tags on the volume it describes (the Delta stores; a SQLite file has no
/// volume to tag).
package protocol VolumeTagging: Sendable {
    /// Sets `tags` on the volume of `scope`, replacing the values of tags it already has.
    func setTags(_ tags: VolumeTags, onVolume scope: VolumeScope) async throws
}
