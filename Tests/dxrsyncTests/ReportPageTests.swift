import Foundation
import SQLiteStore
import SyncCore
import TestSupport
import Testing

/// `dxrsync report --html` as a person sees it: opened in headless Chromium with no network, its
/// charts read back from the DOM after the page's script drew them.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct ReportPageTests {
    /// The figures each chart was drawn with: `data-key` → `data-files` of the elements matching
    /// `tag` inside the chart named `chart`.
    static func drawn(_ dom: String, chart: String, tag: String = "g class=\"bar\"") -> [String: Int] {
        guard let start = dom.range(of: "data-chart=\"\(chart)\"") else { return [:] }
        let rest = dom[start.upperBound...]
        let end = rest.range(of: "</figure>")?.lowerBound ?? rest.endIndex
        var figures: [String: Int] = [:]
        for match in rest[..<end].matches(of: /<(?:[a-z]+) [^>]*data-key="([^"]*)"[^>]*data-files="(\d+)"/) {
            figures[String(match.output.1)] = Int(match.output.2)
        }
        return figures
    }

    static func tallies(_ json: [String: Any], _ key: String) -> [String: Int] {
        ((json[key] as? [String: [String: Any]]) ?? [:]).compactMapValues { $0["files"] as? Int }
    }

    @Test func theDemosPageShowsItsLabelsCoverageFoldersAndRunsWithNoErrors() async throws {
        let folder = TemporaryDirectory("demo-page")
        let demo = try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary,
            ["demo", "--dir", folder.url("out").path, "--volume-base-path", DemoCommandTests.examples],
            environment: [:], workingDirectory: folder.path)
        #expect(demo.status == 0, "\(demo.standardError)")
        let pagePath = folder.url("out/report.html").path
        #expect(demo.standardOutput.contains("The report as a page: \(pagePath)"))
        let report = try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, ["report", "--json"],
            environment: [
                "VOLUME_CATALOG": "demo", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "documents",
                "METADATA_SQLITE_PATH": folder.url("out/dxr_metadata.sqlite").path,
            ], workingDirectory: folder.path)
        let json = try #require(JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [String: Any])

        let html = try String(contentsOfFile: pagePath, encoding: .utf8)
        #expect(html.firstMatch(of: /<(link|img|iframe)\b|\bsrc=|@import|url\(/) == nil, "the page loads nothing")
        #expect(html.contains("default-src 'none'"))

        let page = try await HeadlessChromium.load("file://" + pagePath)
        #expect(page.dom.contains("data-rendered=\"true\""), "\(page.dom.suffix(2_000))")
        #expect(!page.dom.contains("data-errors="))
        #expect(page.console.isEmpty, "\(page.console)")

        let labels = Self.drawn(page.dom, chart: "labels")
        #expect(labels == Self.tallies(json, "by_label"))
        #expect(labels["PCI"] == 1 && labels["PII"] == 4)
        #expect(Self.drawn(page.dom, chart: "detectors") == Self.tallies(json, "by_detector"))
        let coverage = Self.drawn(page.dom, chart: "coverage", tag: "span")
        #expect(coverage == Self.tallies(json, "coverage"))
        #expect(coverage.values.reduce(0, +) == 8)
        #expect(page.dom.contains(#"data-folder="finance" data-files="2" data-with-findings="2""#))
        #expect(page.dom.contains(#"data-folder="public" data-files="1" data-with-findings="0""#))
        #expect(page.dom.contains(#"data-chart="runs" data-runs="1""#))
        #expect(page.dom.contains(#"data-key="PCI" data-change="ADDED" data-files="1""#))
        #expect(page.dom.contains(#"id="findings-table" data-listed="7" data-total="7""#))
        #expect(!page.dom.contains(#"id="volumes""#), "one volume: no Volumes section")

        let screenshot = folder.url("report.png").path
        try await HeadlessChromium.screenshot("file://" + pagePath, to: screenshot, width: 1280, height: 1900)
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
    }

    /// A table of several volumes (a `DXRSYNC_SCOPE=/Volumes/main` run): a Volumes section with a
    /// row per volume, the volumes with findings first, then those DXR did not fully evaluate,
    /// then the rest, each in path order among equals, and a total row.
    @Test func severalVolumesAreListedWithFindingsAndFailuresFirstAndATotal() async throws {
        let folder = TemporaryDirectory("estate-page")
        let database = folder.url("store.sqlite").path
        try await EstateRows.write(into: try SQLiteMetadataStore(path: database, table: "dxrsync_metadata"))
        let pagePath = folder.url("page.html").path
        let written = try await ProcessRunner.runDetached(
            ProcessRunner.dxrsyncBinary, ["report", "--html", pagePath, "--json"],
            environment: [
                "DXRSYNC_SCOPE": "/Volumes/main", "METADATA_SCHEMA": "governance", "METADATA_SQLITE_PATH": database,
                "PATH": "/usr/bin:/bin",
            ], workingDirectory: folder.path)
        #expect(written.status == 0, "\(written.standardError)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(written.standardOutput.utf8)) as? [String: Any])
        let volumes = try #require(json["volumes"] as? [[String: Any]])
        #expect(volumes.compactMap { $0["path"] as? String } == EstateRows.volumes)
        let keys = ["files", "bytes", "classified", "with_findings", "skipped", "failed"]
        var reported: [String: [Int]] = [:]
        for volume in volumes {
            reported[volume["path"] as? String ?? ""] = keys.map { (volume[$0] as? NSNumber)?.intValue ?? -1 }
        }

        let page = try await HeadlessChromium.load("file://" + pagePath)
        #expect(page.dom.contains("data-rendered=\"true\""), "\(page.dom.suffix(2_000))")
        #expect(!page.dom.contains("data-errors="))
        #expect(page.console.isEmpty, "\(page.console)")
        let row =
            /<tr class="(volume|volume-total)" data-volume="([^"]*)" data-files="(\d+)" data-bytes="(\d+)" data-classified="(\d+)" data-with-findings="(\d+)" data-skipped="(\d+)" data-failed="(\d+)"/
        let rows = page.dom.matches(of: row).map { match in
            (
                kind: String(match.output.1), path: String(match.output.2),
                figures: [
                    match.output.3, match.output.4, match.output.5, match.output.6, match.output.7, match.output.8,
                ]
                .compactMap { Int($0) }
            )
        }
        #expect(
            rows.map(\.path) == [
                "/Volumes/main/hr/docs", "/Volumes/main/finance/invoices", "/Volumes/main/hr/scans",
                "/Volumes/main/finance/ledger", "",
            ])
        for drawn in rows.dropLast() {
            #expect(drawn.kind == "volume" && drawn.figures == reported[drawn.path], "\(drawn.path)")
        }
        let total = try #require(rows.last)
        #expect(total.kind == "volume-total")
        #expect(total.figures == keys.indices.map { index in reported.values.reduce(0) { $0 + $1[index] } })
        #expect(total.figures.first == json["files"] as? Int)
        #expect(page.dom.contains("All 4 volumes"))
        // Classified, as a share of the volume's files.
        func drawnRow(_ path: String) -> Substring {
            guard let start = page.dom.range(of: "data-volume=\"\(path)\"") else { return "" }
            return page.dom[start.lowerBound...].prefix { $0 != "\n" }.split(separator: "</tr>").first ?? ""
        }
        #expect(drawnRow("/Volumes/main/hr/scans").contains(">0 (0.0%)<"))
        #expect(drawnRow("/Volumes/main/finance/invoices").contains(">1 (50.0%)<"))
        #expect(drawnRow("").contains(">7 (70.0%)<"))

        let screenshot = folder.url("volumes.png").path
        try await HeadlessChromium.screenshot("file://" + pagePath, to: screenshot, width: 1280, height: 1900)
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
    }

    @Test func findingsFilterFromTheAddressAndNothingFromAFileReachesThePage() async throws {
        let harness = SyncHarness()
        let marker = "file-content-marker-5b1e"
        let hostile = #"<img src=x onerror="document.title='owned'">.txt"#
        try harness.write("sub/a.txt", "mail avery@example.com \(marker)")
        try harness.write("sub/b.txt", "card 4111 1111 1111 1111")
        try harness.write("other/c.txt", "mail casey@example.com")
        try harness.write("other/e.txt", "mail erin@example.com")
        try harness.write(hostile, "mail dana@example.com")
        let pagePath = harness.work.url("page.html").path
        let (written, _) = try await SyncHarness.withEmulator { url in
            let synced = try await harness.sync(url: url)
            #expect(synced.status == 0, "\(synced.standardError)")
            return try await ProcessRunner.runDetached(
                ProcessRunner.dxrsyncBinary, ["report", "--html", pagePath, "--files", "3"],
                environment: harness.environment(url: url), workingDirectory: harness.work.path)
        }
        #expect(written.status == 0, "\(written.standardError)")
        #expect(written.standardOutput == "wrote \(pagePath)\n")
        let html = try String(contentsOfFile: pagePath, encoding: .utf8)
        #expect(!html.contains(marker) && !html.contains(SyncHarness.token))

        let all = try await HeadlessChromium.load("file://" + pagePath)
        // The first 3 overall and the first 3 of each label: sub/a.txt, the 4th PII file, is left out.
        #expect(all.dom.contains(#"id="findings-table" data-listed="4" data-total="5" data-shown="4""#))
        #expect(all.dom.contains("1 more files with findings are not listed"))
        #expect(!all.dom.contains(#"data-path="sub/a.txt""#))
        #expect(!all.dom.contains("<img") && all.dom.contains("&lt;img src=x"))
        #expect(!all.dom.contains("<title>owned"))

        let filtered = try await HeadlessChromium.load("file://" + pagePath + "#label=PCI&folder=sub")
        #expect(filtered.dom.contains(#"data-shown="1""#))
        let visible = filtered.dom.matches(of: /<tr class="finding" data-path="([^"]*)">/).map { String($0.output.1) }
        #expect(visible == ["sub/b.txt"])
        let pii = try await HeadlessChromium.load("file://" + pagePath + "#label=PII")
        #expect(pii.dom.contains("3 files with PII listed; 1 more files with PII are not listed"))
        #expect(filtered.console.isEmpty, "\(filtered.console)")
    }
}
