import Foundation
import SyncCore

/// `dxrsync report --html`: one self-contained page (styles and script inline, charts drawn as SVG
/// by the page's own script, no network at view time) built from a ``StoreReport``, so it holds
/// the same aggregates as `report --json` and its size depends on the number of labels, folders,
/// runs and listed files, never on the size of the table. It carries paths, label and detector
/// names and counts: nothing read from a file, no secret. The script and the styles are
/// `Assets/report.js` and `Assets/report.css`, which the EmbedAssets plugin compiles into the
/// binary (`Assets`).
package struct ReportPage: Sendable {
    package var report: StoreReport
    package var generatedAt: Date

    package init(report: StoreReport, generatedAt: Date) {
        self.report = report
        self.generatedAt = generatedAt
    }

    /// What the page's script reads: the report and when it was made.
    private struct Payload: Encodable {
        var report: StoreReport
        var generatedAt: String

        enum CodingKeys: String, CodingKey {
            case report
            case generatedAt = "generated_at"
        }
    }

    /// The whole page.
    package func html() throws -> String {
        let payload = try SortedJSON.text(Payload(report: report, generatedAt: Timestamps.text(generatedAt)))
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <title>DXR classifications: \(Self.escaped(report.scope))</title>
            <style>\(Assets.reportCSS)</style>
            </head>
            <body>
            <header>
            <h1>DXR classifications of <span id="scope">\(Self.escaped(report.scope))</span></h1>
            <p id="subtitle"></p>
            </header>
            <div id="errors" hidden></div>
            <main id="page"><noscript>This page draws its charts with JavaScript; `dxrsync report` prints the same figures as text.</noscript></main>
            <script id="report-data" type="application/json">\(Self.scriptSafe(payload))</script>
            <script>\(Assets.reportJS)</script>
            </body>
            </html>

            """
    }

    /// Text for HTML content and attributes.
    static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// JSON that cannot end its `<script>` element or open a comment in it: `<`, `>` and `&` as
    /// `\u` escapes, which JSON reads back as the same characters.
    static func scriptSafe(_ json: String) -> String {
        json.replacingOccurrences(of: "&", with: "\\u0026").replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
    }
}

extension ReportPage {
    /// Writes the page to `path` (replacing it whole, never leaving half a page).
    package func write(to path: String) throws(ReportPageError) {
        do {
            try Data(html().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportPageError(path: path, reason: error.localizedDescription)
        }
    }
}

/// The HTML report could not be written.
package struct ReportPageError: RunFailure {
    package var path: String
    package var reason: String

    package var kind: FailureKind { .fatal }

    package var description: String {
        "cannot write the HTML report to \(path): \(reason). Check that the folder exists and is writable."
    }
}
