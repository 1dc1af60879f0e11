import ArgumentParser
import Foundation
import SyncCore

/// `dxrsync review`: a steward's verdict on a label of a file, kept in `<table>_reviews`.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record a steward's verdict on a label of a file: a false positive, or a confirmation.",
        discussion: """
            The verdict goes into <table>_reviews (stewards can also write that table with SQL). A false \
            positive takes the label away from the file's effective labels in the views and in report while \
            it holds; the raw verdict stays in the row. Name the file by path (relative to the volume, or a \
            /Volumes/... path), or its content by --sha256 to cover every copy.

            \(VariableHelp.section(for: .store))
            """
    )

    @Option(help: ArgumentHelp("The file, relative to the scanned folder or as a /Volumes/… path.", valueName: "path"))
    var file: String?

    @Option(help: ArgumentHelp("The content instead: every file with this SHA-256.", valueName: "hex"))
    var sha256: String?

    @Option(help: "The label the verdict is about, by name.")
    var label: String

    @Option(help: "false-positive or confirmed.")
    var verdict: String

    @Option(help: "Why.")
    var reason: String?

    @Option(help: "Who decided (an e-mail address, a name).")
    var reviewer: String

    @Option(help: ArgumentHelp("Let the review lapse after this long, for example 90d.", valueName: "age"))
    var expires: String?

    @OptionGroup var configuration: ConfigurationArguments

    var parsedVerdict: Review.Verdict? {
        Review.Verdict(rawValue: verdict.uppercased().replacing("-", with: "_"))
    }

    func validate() throws {
        guard (file == nil) != (sha256 == nil) else { throw ValidationError("give exactly one of --file and --sha256") }
        guard parsedVerdict != nil else { throw ValidationError("--verdict must be false-positive or confirmed") }
        if let expires, SettingParsers.age(expires) == nil {
            throw ValidationError("--expires '\(expires)' must be an age such as 90d, 12h or 4w")
        }
        if let sha256, sha256.count != 64 || !sha256.allSatisfy(\.isHexDigit) {
            throw ValidationError("--sha256 must be 64 hexadecimal digits")
        }
    }

    func run() async throws {
        let config = try configuration.loadPlan(for: Self.self)
        let scope = config.volume.scope
        if config.estate != nil, let file, !file.hasPrefix("/Volumes/") {
            throw ValidationError("with DXRSYNC_SCOPE, --file must be the file's full /Volumes/… path")
        }
        let now = Date()
        let review = Review(
            reviewID: UUID().uuidString.lowercased(),
            filePath: file.map { $0.hasPrefix("/Volumes/") ? $0 : scope.filePath(relativePath: $0) },
            sha256: sha256?.lowercased(), label: label, verdict: parsedVerdict ?? .falsePositive, reason: reason,
            reviewer: reviewer, createdAt: now,
            expiresAt: expires.flatMap(SettingParsers.age).map { now.addingTimeInterval($0) })
        try await SyncRunner.withStore(for: config, logger: SyncRunner.logger(debug: config.debug)) { store in
            try await store.prepare()
            try await store.addReview(review)
            FileHandleOutput.standardOutput.write(
                "recorded review \(review.reviewID): \(review.label) is \(review.verdict.rawValue) for "
                    + "\(review.filePath ?? "content " + (review.sha256 ?? "")) in \(store.tableDescription)\n")
        }
    }
}
