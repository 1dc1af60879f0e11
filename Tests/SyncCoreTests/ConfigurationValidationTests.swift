import SyncCore
import Testing

/// Bad configuration is reported all at once, each problem naming its variable.
@Suite struct ConfigurationValidationTests {
    func problems(_ environment: [String: String], sync: Bool = true) -> [String] {
        do {
            let sources = ConfigurationSources(environment: environment)
            if sync {
                _ = try ConfigurationLoader.loadSync(from: sources)
            } else {
                _ = try ConfigurationLoader.loadPlan(from: sources)
            }
            return []
        } catch {
            return error.problems.map(\.variable)
        }
    }

    @Test func missingVolumeNameAndBadBooleanAreReportedTogether() {
        let environment = ["VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "DXR_VERIFY_SSL": "maybe"]
        #expect(problems(environment, sync: false) == ["VOLUME_NAME", "DXR_VERIFY_SSL"])
    }

    @Test func syncRequiresTheDXRVariables() {
        let environment = ["VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs"]
        #expect(problems(environment) == ["DXR_BASE_URL", "DXR_DATASOURCE_ID", "DXR_API_TOKEN"])
        #expect(problems(environment, sync: false).isEmpty)
    }

    @Test func everyBadValueNamesItsVariable() {
        let environment = [
            "VOLUME_CATALOG": "a/b", "VOLUME_SCHEMA": "..", "VOLUME_NAME": "docs", "VOLUME_PREFIX": "../etc",
            "VOLUME_SOURCE": "s3", "DXR_BASE_URL": "ftp://x", "DXR_DATASOURCE_ID": "41,abc", "DXR_API_TOKEN": "t",
            "DXR_POLL_INTERVAL_SECONDS": "0", "DXR_MAX_BYTES_PER_JOB": "30 parsecs", "DXR_MAX_FILES_PER_JOB": "0",
            "DXR_MAX_CONCURRENT_JOBS": "many", "DXR_JOB_TIMEOUT_SECONDS": "-1", "DXR_VERIFY_SSL": "maybe",
            "DXR_CA_BUNDLE_PATH": "/no/such/ca.pem", "DXR_DEBUG": "2", "DXR_DROP_METADATA_TABLE": "sure",
            "METADATA_TABLE": "x'; DROP TABLE t; --", "METADATA_CATALOG": "gov", "METADATA_SCHEMA": "meta",
            "METADATA_BACKEND": "postgres", "DATABRICKS_HOST": "::",
        ]
        let found = Set(problems(environment))
        let expected: Set = [
            "VOLUME_CATALOG", "VOLUME_SCHEMA", "VOLUME_PREFIX", "VOLUME_SOURCE", "DXR_BASE_URL", "DXR_DATASOURCE_ID",
            "DXR_POLL_INTERVAL_SECONDS", "DXR_MAX_BYTES_PER_JOB", "DXR_MAX_FILES_PER_JOB", "DXR_MAX_CONCURRENT_JOBS",
            "DXR_JOB_TIMEOUT_SECONDS", "DXR_VERIFY_SSL", "DXR_CA_BUNDLE_PATH", "DXR_DEBUG", "DXR_DROP_METADATA_TABLE",
            "METADATA_TABLE", "METADATA_BACKEND", "DATABRICKS_HOST",
        ]
        #expect(found == expected)
    }

    @Test func derivedTableNameMustBeAnIdentifier() {
        let environment = ["VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "raw-docs"]
        #expect(problems(environment, sync: false) == ["METADATA_TABLE"])
        var fixed = environment
        fixed["METADATA_TABLE"] = "raw_docs_metadata"
        #expect(problems(fixed, sync: false).isEmpty)
    }

    @Test func databricksBackendNeedsAWarehouse() {
        let environment = [
            "VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs", "METADATA_BACKEND": "databricks",
        ]
        #expect(problems(environment, sync: false) == ["DATABRICKS_WAREHOUSE_ID"])
    }

    @Test func halfASecretReferenceIsAnError() {
        var environment = ["VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs"]
        environment["DXR_BASE_URL"] = "https://dxr"
        environment["DXR_DATASOURCE_ID"] = "1"
        environment["DXR_SECRET_SCOPE"] = "scope"
        #expect(problems(environment) == ["DXR_SECRET_KEY"])
    }

    @Test func messageListsEveryProblem() {
        do {
            _ = try ConfigurationLoader.loadPlan(from: ConfigurationSources(environment: ["DXR_VERIFY_SSL": "maybe"]))
            Issue.record("expected a configuration error")
        } catch {
            let message = error.description
            for name in ["VOLUME_CATALOG", "VOLUME_SCHEMA", "VOLUME_NAME", "DXR_VERIFY_SSL", "'maybe'"] {
                #expect(message.contains(name))
            }
            #expect(message.hasPrefix("configuration has 4 problems:"))
        }
    }
}
