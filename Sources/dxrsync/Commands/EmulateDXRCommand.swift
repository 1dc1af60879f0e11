import ArgumentParser
import DXREmulator
import Foundation
import Logging
import SyncCore

/// `dxrsync emulate-dxr`: a local DXR server to try the tool without a DXR subscription.
struct EmulateDXRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate-dxr",
        abstract: "Serve a local Data X-Ray emulator (On-Demand Classifier, search, label names) until interrupted.",
        discussion: """
            The emulator runs real detectors (e-mail, phone, payment card with Luhn check, US SSN, IBAN \
            with mod-97 check, IPv4, cloud access keys, private keys), applies labels (PII, PCI, \
            Financial, Secrets, Confidential, Network) and categories, and can inject faults from a \
            seed, so runs are reproducible. Point dxrsync at it with DXR_BASE_URL=<printed URL>, \
            DXR_API_TOKEN=<--token> and DXR_DATASOURCE_ID=<one of --datasource>.
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 8443

    @Option(help: "Bearer token clients must send.")
    var token = "dxrsync-emulator-token"

    @Option(help: "Comma-separated On-Demand Classifier datasource ids that exist.")
    var datasource = "1"

    @Option(help: "API path prefix.")
    var apiPrefix = "/api"

    @Option(
        help: ArgumentHelp(
            "JSON file of label rules ({\"labels\": [{\"id\", \"name\", \"description\", \"detectors\", \"keywords\"}]}) "
                + "that add to or replace the built-in ones; read again whenever it changes.", valueName: "file"))
    var rules: String?

    @Option(help: "How the label and detector catalogue is served: current (/v1/classifications), legacy or none.")
    var catalogue = EmulatorConfiguration.CatalogueAPI.current.rawValue

    @OptionGroup(title: "Fault injection") var faults: FaultOptions

    func validate() throws {
        guard !datasourceIDs.isEmpty, datasourceIDs.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            throw ValidationError("--datasource must be numeric ids separated by commas, for example 1,2")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard EmulatorConfiguration.CatalogueAPI(rawValue: catalogue) != nil else {
            throw ValidationError("--catalogue must be current, legacy or none")
        }
    }

    var datasourceIDs: [String] {
        datasource.split(separator: ",").map { $0.trimmingBlanks() }
    }

    func run() async throws {
        let logger = Logger.quiet("dxr-emulator")
        let configuration = EmulatorConfiguration(
            token: token, datasourceIDs: datasourceIDs, apiPrefix: apiPrefix, faults: faults.emulatorFaults,
            rulesFile: rules, catalogue: EmulatorConfiguration.CatalogueAPI(rawValue: catalogue) ?? .current)
        let datasources = datasourceIDs.joined(separator: ",")
        try await DXREmulatorServer.serve(configuration, host: host, port: port, logger: logger) { url in
            FileHandleOutput.standardOutput.write(
                "DXR emulator listening on \(url) (API prefix '\(apiPrefix)', datasources \(datasources)); "
                    + "set DXR_BASE_URL=\(url) DXR_DATASOURCE_ID=\(datasourceIDs[0]) and DXR_API_TOKEN to the --token value\n"
            )
        }
    }
}

/// The emulator's fault-injection flags.
struct FaultOptions: ParsableArguments {
    @Option(help: "Seconds added to every request.") var requestLatency = 0.0
    @Option(help: "Seconds a job takes to finish.") var jobLatency = 0.5
    @Option(name: .customLong("rate-429"), help: "Share of requests answered 429 (0-1).") var rate429 = 0.0
    @Option(name: .customLong("rate-503"), help: "Share of requests answered 503 (0-1).") var rate503 = 0.0
    @Option(name: .customLong("rate-500"), help: "Share of job-status polls and searches answered 500 (0-1).")
    var rate500 = 0.0
    @Option(help: "Retry-After seconds sent with 429 and 503.") var retryAfter = 1
    @Option(help: "Share of jobs that end FAILED (0-1).") var failedJobRate = 0.0
    @Option(help: "Share of the files of a FAILED job indexed anyway (0-1).") var failedJobIndexedRate = 0.0
    @Option(help: "Seconds after a job ends before its labels show in searches that do not refresh the index.")
    var labelLag = 0.0
    @Option(help: "Share of jobs that never finish (0-1).") var stuckJobRate = 0.0
    @Option(help: "Share of documents left out of search results (0-1).") var droppedHitRate = 0.0
    @Flag(help: "Report the job state as {\"value\": …} instead of a string.") var stateAsObject = false
    @Flag(help: "Report hits.total as a bare number.") var totalAsNumber = false
    @Option(help: "Cap the search page size.") var maxPageSize: Int?
    @Option(help: "Share of job-status answers cut off mid-JSON (0-1).") var malformedStatusRate = 0.0
    @Option(help: "Revoke the token (answer 401) once this many jobs were accepted.") var revokeTokenAfterJobs: Int?
    @Option(help: "Comma-separated label ids DXR reports as removed by a person (dxr#manually_removed_tags).")
    var manuallyRemovedLabels = ""
    @Option(help: "Seed for every fault decision.") var seed: UInt64 = 42

    func validate() throws {
        for (name, rate) in [
            ("--rate-429", rate429), ("--rate-503", rate503), ("--rate-500", rate500),
            ("--failed-job-rate", failedJobRate), ("--failed-job-indexed-rate", failedJobIndexedRate),
            ("--stuck-job-rate", stuckJobRate), ("--dropped-hit-rate", droppedHitRate),
            ("--malformed-status-rate", malformedStatusRate),
        ] where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        if requestLatency < 0 || jobLatency < 0 || labelLag < 0 {
            throw ValidationError("latencies must not be negative")
        }
        if let maxPageSize, maxPageSize < 1 { throw ValidationError("--max-page-size must be at least 1") }
        if let revokeTokenAfterJobs, revokeTokenAfterJobs < 0 {
            throw ValidationError("--revoke-token-after-jobs must not be negative")
        }
    }

    var emulatorFaults: EmulatorFaults {
        var faults = EmulatorFaults()
        faults.requestLatency = .milliseconds(Int64(requestLatency * 1000))
        faults.jobLatency = .milliseconds(Int64(jobLatency * 1000))
        faults.rate429 = rate429
        faults.rate503 = rate503
        faults.rate500 = rate500
        faults.failedJobIndexedRate = failedJobIndexedRate
        faults.labelLag = .milliseconds(Int64(labelLag * 1000))
        faults.retryAfterSeconds = retryAfter
        faults.failedJobRate = failedJobRate
        faults.stuckJobRate = stuckJobRate
        faults.droppedHitRate = droppedHitRate
        faults.stateAsObject = stateAsObject
        faults.totalAsNumber = totalAsNumber
        faults.maxPageSize = maxPageSize
        faults.malformedStatusRate = malformedStatusRate
        faults.revokeTokenAfterJobs = revokeTokenAfterJobs
        faults.manuallyRemovedLabels = manuallyRemovedLabels.split(separator: ",").compactMap {
            Int($0.trimmingBlanks())
        }
        faults.seed = seed
        return faults
    }
}
