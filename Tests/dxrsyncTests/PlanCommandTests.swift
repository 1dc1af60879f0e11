import Foundation
import SyncCore
import TestSupport
import Testing

/// `dxrsync plan` run as a real process on real trees.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct PlanCommandTests {
    /// A volume at `<base>/main/hr/docs` with a known set of files.
    struct Volume {
        let base = TemporaryDirectory("volume")
        var root: String { base.url("main/hr/docs").path }

        init() throws {
            try base.write("main/hr/docs/a.txt", "alice@example.com")
            try base.write("main/hr/docs/sub/b.csv", "name,phone\nBob,555-0100\n")
            try base.write("main/hr/docs/sub/deeper/c.json", "{}")
            try base.write("main/hr/docs/empty.txt", "")
            try base.write("main/hr/docs/big.bin", data: Data(count: 4096))
        }

        var environment: [String: String] {
            [
                "VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs", "VOLUME_BASE_PATH": base.path,
                "DXR_BASE_URL": "https://dxr.example.com", "DXR_DATASOURCE_ID": "41", "DXR_API_TOKEN": "plan-token",
                "DXR_MAX_BYTES_PER_JOB": "2KiB", "DXR_MAX_FILES_PER_JOB": "2", "PATH": "/usr/bin:/bin",
            ]
        }
    }

    func plan(_ arguments: [String], environment: [String: String], as user: String? = nil) throws -> ProcessResult {
        let workingDirectory = TemporaryDirectory("cwd")
        if let user {
            return try ProcessRunner.run(
                "/usr/bin/setpriv",
                ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", ProcessRunner.dxrsyncBinary, "plan"]
                    + arguments,
                environment: environment, workingDirectory: workingDirectory.path)
        }
        return try ProcessRunner.run(
            ProcessRunner.dxrsyncBinary, ["plan"] + arguments, environment: environment,
            workingDirectory: workingDirectory.path)
    }

    func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test func jsonCountsMatchTheTreeAndOversizeFilesAreSkipped() throws {
        let volume = try Volume()
        let result = try plan(["--json"], environment: volume.environment)
        #expect(result.status == 0, "\(result.standardError)")
        let report = try json(result)
        #expect(report["files"] as? Int == 5)
        #expect(report["bytes"] as? Int == 17 + 24 + 2 + 0 + 4096)
        #expect(report["batches"] as? Int == 2)
        #expect(report["listing_complete"] as? Bool == true)
        #expect((report["problems"] as? [String])?.isEmpty == true)
        let skipped = try #require(report["skipped"] as? [[String: String]])
        #expect(skipped.count == 1)
        #expect(skipped.first?["relative_path"] == "big.bin")
        #expect(skipped.first?["reason"]?.contains("DXR_MAX_BYTES_PER_JOB") == true)
        #expect(!result.standardOutput.contains("plan-token") && !result.standardError.contains("plan-token"))
    }

    @Test func textOutputSummarisesThePlan() throws {
        let volume = try Volume()
        let result = try plan([], environment: volume.environment)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Listed 5 files"))
        #expect(result.standardOutput.contains("Plan: 2 jobs for 4 files"))
        #expect(result.standardOutput.contains("big.bin: file is 4.0 KiB"))
    }

    @Test func jobParameterSuppliesTheVolumeName() throws {
        let volume = try Volume()
        var environment = volume.environment
        environment["VOLUME_NAME"] = nil
        let result = try plan(["--json", "VOLUME_NAME=docs", "--volume-prefix", "sub"], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let report = try json(result)
        #expect(report["files"] as? Int == 2)
        #expect(report["volume_path"] as? String == "/Volumes/main/hr/docs/sub")
    }

    @Test func missingVolumeNameAndBadBooleanExit2NamingBoth() throws {
        let volume = try Volume()
        var environment = volume.environment
        environment["VOLUME_NAME"] = nil
        environment["DXR_VERIFY_SSL"] = "maybe"
        let result = try plan([], environment: environment)
        #expect(result.status == 2)
        #expect(result.standardError.contains("VOLUME_NAME"))
        #expect(result.standardError.contains("DXR_VERIFY_SSL"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func missingVolumeFolderExits2NamingThePath() throws {
        let volume = try Volume()
        var environment = volume.environment
        environment["VOLUME_NAME"] = "nope"
        let result = try plan([], environment: environment)
        #expect(result.status == 2)
        #expect(result.standardError.contains(volume.base.url("main/hr/nope").path))
    }

    @Test func dotEnvInTheWorkingDirectoryIsRead() throws {
        let volume = try Volume()
        var environment = volume.environment
        environment["VOLUME_NAME"] = nil
        let workingDirectory = TemporaryDirectory("cwd")
        try workingDirectory.write(".env", "VOLUME_NAME=docs\n")
        let result = try ProcessRunner.run(
            ProcessRunner.dxrsyncBinary, ["plan", "--json"], environment: environment,
            workingDirectory: workingDirectory.path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try json(result)["files"] as? Int == 5)
    }

    @Test func planCountsWhatEachExcludePatternLeftOut() throws {
        let volume = try Volume()
        try volume.base.write("main/hr/docs/t/_delta_log/0.json", "{}")
        try volume.base.write("main/hr/docs/t/_delta_log/1.json", "{}")
        try volume.base.write("main/hr/docs/sub/.dxrignore", "*.csv\n")
        var environment = volume.environment
        environment["DXRSYNC_EXCLUDE"] = "**/_delta_log/**, ,"
        let result = try plan(["--json"], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let report = try json(result)
        #expect(report["files"] as? Int == 4)
        let excluded = try #require(report["excluded"] as? [[String: Any]])
        #expect(excluded.map { $0["pattern"] as? String } == [".dxrignore", "**/_delta_log/**", "*.csv"])
        #expect(excluded.map { $0["files"] as? Int } == [1, 2, 1])
        #expect(excluded[1]["bytes"] as? Int == 4)
        #expect(excluded[2]["origin"] as? String == "/Volumes/main/hr/docs/sub/.dxrignore:1")
        let text = try plan([], environment: environment)
        #expect(text.standardOutput.contains("Excluded 4 files"))
        #expect(text.standardOutput.contains("  **/_delta_log/** (DXRSYNC_EXCLUDE): 2 files"))
    }

    @Test func aMalformedExcludePatternIsAConfigurationErrorNamingIt() throws {
        let volume = try Volume()
        var environment = volume.environment
        environment["DXRSYNC_EXCLUDE"] = "**/*.tmp,data/[2024"
        let result = try plan([], environment: environment)
        #expect(result.status == 2)
        #expect(result.standardError.contains("DXRSYNC_EXCLUDE: the pattern 'data/[2024' is malformed"))
        #expect(result.standardOutput.isEmpty)
    }

    /// Tests run as root, where permission bits do not stop reads, so the scan runs in a child
    /// process that has dropped to `nobody`.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func unreadableFolderIsAProblemAndMakesTheListingIncomplete() throws {
        let volume = try Volume()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: volume.base.path)
        try volume.base.write("main/hr/docs/locked/hidden.txt", "x")
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o000], ofItemAtPath: volume.base.url("main/hr/docs/locked").path)
        let result = try plan(["--json"], environment: volume.environment, as: "65534")
        #expect(result.status == 0, "\(result.standardError)")
        let report = try json(result)
        #expect(report["listing_complete"] as? Bool == false)
        #expect(report["files"] as? Int == 5)
        let problems = try #require(report["problems"] as? [String])
        #expect(problems.count == 1)
        #expect(problems.first?.contains("locked") == true)
        #expect(problems.first?.contains("Permission denied") == true)
    }
}

/// `--version` and `--help`.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct CommandLineTests {
    @Test func versionIsPrinted() throws {
        let result = try ProcessRunner.run(ProcessRunner.dxrsyncBinary, ["--version"], environment: [:])
        #expect(result.status == 0)
        #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == DXRSyncVersion.current)
    }

    @Test func planHelpListsTheVariablesItReads() throws {
        let result = try ProcessRunner.run(ProcessRunner.dxrsyncBinary, ["plan", "--help"], environment: [:])
        #expect(result.status == 0)
        for variable in ConfigurationVariable.read(by: .plan) {
            #expect(result.standardOutput.contains(variable.name), "\(variable.name) missing from plan --help")
        }
    }
}

/// Usage errors exit 2, like configuration errors.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct UsageErrorTests {
    @Test(arguments: [["plan", "stray-token"], ["plan", "--volume-name"], ["no-such-command"]])
    func usageErrorsExit2(arguments: [String]) throws {
        let result = try ProcessRunner.run(ProcessRunner.dxrsyncBinary, arguments, environment: [:])
        #expect(result.status == 2, "\(result.standardError)")
        #expect(!result.standardError.isEmpty)
    }

    /// A misspelt key or option is an error naming it and the closest known name, never ignored,
    /// and an unknown option never swallows the `KEY=value` after it.
    @Test func typosExit2NamingTheClosestKnownName() throws {
        let volume = ["VOLUME_BASE_PATH=examples/volume", "VOLUME_CATALOG=demo", "VOLUME_SCHEMA=hr"]
        let cases: [(arguments: [String], expected: String)] = [
            (["plan", "--volume-nmae", "documents"] + volume, "did you mean VOLUME_NAME (--volume-name)?"),
            (["plan", "--jsn", "VOLUME_BASE_PATH=examples/volume", "VOLUME_NAME=documents"], "did you mean '--json'?"),
            (["report", "--rnus", "3", "VOLUME_NAME=documents"] + volume, "did you mean '--runs'?"),
        ]
        for (arguments, expected) in cases {
            let result = try ProcessRunner.run(
                ProcessRunner.dxrsyncBinary, arguments, environment: [:],
                workingDirectory: StandInPython.repository.path)
            #expect(result.status == 2, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains(expected), "\(arguments): \(result.standardError)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
        }
    }

    /// A task configured with only the playbook's job parameters runs `sync`, not help.
    @Test func onlyJobParametersRunSync() throws {
        let result = try ProcessRunner.run(
            ProcessRunner.dxrsyncBinary, ["VOLUME_NAME=documents", "--volume-catalog", "demo"], environment: [:])
        #expect(result.status == 2)
        #expect(result.standardError.contains("DXR_BASE_URL: is required"), "\(result.standardError)")
        let bare = try ProcessRunner.run(ProcessRunner.dxrsyncBinary, [], environment: [:])
        #expect(bare.status == 0)
        #expect(bare.standardOutput.contains("USAGE: dxrsync"))
    }
}
