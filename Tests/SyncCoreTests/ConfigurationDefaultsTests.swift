import Foundation
import SyncCore
import Testing

/// The playbook's variables keep their meaning and defaults.
@Suite struct ConfigurationDefaultsTests {
    static let volume = ["VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr", "VOLUME_NAME": "docs"]
    static let dxr = ["DXR_BASE_URL": "https://dxr.example.com", "DXR_DATASOURCE_ID": "41", "DXR_API_TOKEN": "t0ken"]

    func sync(_ extra: [String: String] = [:]) throws -> SyncConfiguration {
        let environment = Self.volume.merging(Self.dxr) { $1 }.merging(extra) { $1 }
        return try ConfigurationLoader.loadSync(from: ConfigurationSources(environment: environment))
    }

    @Test func playbookDefaults() throws {
        let config = try sync()
        #expect(config.plan.volume.basePath == "/Volumes")
        #expect(config.plan.volume.scope == VolumeScope(catalog: "main", schema: "hr", volume: "docs"))
        #expect(config.plan.volume.localRoot == "/Volumes/main/hr/docs")
        #expect(config.plan.volume.source == .local)
        #expect(config.plan.limits.maxBytesPerJob == 31_457_280)
        #expect(config.plan.limits.maxFilesPerJob == 25)
        #expect(config.plan.debug == false)
        #expect(config.plan.metadata.catalog == "main")
        #expect(config.plan.metadata.schema == "hr")
        #expect(config.plan.metadata.table == "docs_metadata")
        #expect(config.plan.metadata.ledgerTable == "docs_metadata_runs")
        #expect(config.plan.metadata.dropTable == false)
        #expect(config.plan.metadata.backend == .sqlite(path: "./dxr_metadata.sqlite"))
        #expect(config.dxr.baseURL.absoluteString == "https://dxr.example.com")
        #expect(config.dxr.apiPrefix == "/api")
        #expect(config.dxr.datasourceIDs == ["41"])
        #expect(config.dxr.token == .direct(Secret("t0ken")))
        #expect(config.dxr.pollIntervalSeconds == 10)
        #expect(config.dxr.maxConcurrentJobs == 4)
        #expect(config.dxr.jobTimeoutSeconds == 3600)
        #expect(config.dxr.verifyTLS == true)
        #expect(config.dxr.caBundlePath == nil)
    }

    @Test func playbookOverrides() throws {
        let bundle = TemporaryPEM()
        let config = try sync([
            "VOLUME_PREFIX": "/inbox/2026/", "VOLUME_BASE_PATH": "/mnt/vols/", "DXR_POLL_INTERVAL_SECONDS": "2.5",
            "DXR_MAX_BYTES_PER_JOB": "1048576", "DXR_MAX_FILES_PER_JOB": "5", "DXR_VERIFY_SSL": "false",
            "DXR_CA_BUNDLE_PATH": bundle.path, "DXR_API_PREFIX": "v1 ", "DXR_DEBUG": "yes",
            "DXR_DROP_METADATA_TABLE": "on", "METADATA_CATALOG": "gov", "METADATA_SCHEMA": "meta",
            "METADATA_TABLE": "files", "DXR_BASE_URL": "http://dxr.local:8443/", "DXR_DATASOURCE_ID": "41, 42,43",
            "DXR_MAX_CONCURRENT_JOBS": "16", "DXR_JOB_TIMEOUT_SECONDS": "60", "METADATA_SQLITE_PATH": "/tmp/x.sqlite",
        ])
        #expect(config.plan.volume.scope.prefix == "inbox/2026")
        #expect(config.plan.volume.localRoot == "/mnt/vols/main/hr/docs/inbox/2026")
        #expect(config.plan.volume.scope.rootPath == "/Volumes/main/hr/docs/inbox/2026")
        #expect(config.dxr.pollIntervalSeconds == 2.5)
        #expect(config.plan.limits == PlanningLimits(maxBytesPerJob: 1_048_576, maxFilesPerJob: 5))
        #expect(config.dxr.verifyTLS == false)
        #expect(config.dxr.caBundlePath == bundle.path)
        #expect(config.dxr.apiPrefix == "/v1")
        #expect(config.plan.debug == true)
        #expect(config.plan.metadata.dropTable == true)
        #expect(config.plan.metadata.qualifiedName == "gov.meta.files")
        #expect(config.plan.metadata.backend == .sqlite(path: "/tmp/x.sqlite"))
        #expect(config.dxr.baseURL.absoluteString == "http://dxr.local:8443")
        #expect(config.dxr.datasourceIDs == ["41", "42", "43"])
        #expect(config.dxr.maxConcurrentJobs == 16)
        #expect(config.dxr.jobTimeoutSeconds == 60)
    }

    @Test(arguments: [
        ("/api", "/api"), ("api", "/api"), ("/api/", "/api"), ("v1 ", "/v1"), ("/", ""), ("", ""), ("  ", ""),
    ])
    func apiPrefixIsNormalisedLikeThePlaybook(raw: String, expected: String) throws {
        #expect(try sync(["DXR_API_PREFIX": raw]).dxr.apiPrefix == expected)
    }

    @Test func warehouseSelectsTheDatabricksBackend() throws {
        let config = try sync(["DATABRICKS_WAREHOUSE_ID": "abc123"])
        #expect(config.plan.metadata.backend == .databricks(warehouseID: "abc123"))
        let forced = try sync(["DATABRICKS_WAREHOUSE_ID": "abc123", "METADATA_BACKEND": "sqlite"])
        #expect(forced.plan.metadata.backend == .sqlite(path: "./dxr_metadata.sqlite"))
    }

    @Test func secretScopeAndKeyReplaceTheToken() throws {
        var environment = Self.volume.merging(Self.dxr) { $1 }
        environment["DXR_API_TOKEN"] = nil
        environment["DXR_SECRET_SCOPE"] = "dxr"
        environment["DXR_SECRET_KEY"] = "token"
        let config = try ConfigurationLoader.loadSync(from: ConfigurationSources(environment: environment))
        #expect(config.dxr.token == .databricksSecret(scope: "dxr", key: "token"))
    }

    @Test func emptyValuesCountAsUnsetLikeThePlaybook() throws {
        let config = try sync(["METADATA_TABLE": "  ", "VOLUME_PREFIX": ""])
        #expect(config.plan.metadata.table == "docs_metadata")
        #expect(config.plan.volume.scope.prefix == nil)
    }

    @Test func secretsAreRedactedWhenPrinted() throws {
        let config = try sync(["DXR_API_TOKEN": "marker-5f1d"])
        #expect(!"\(config)".contains("marker-5f1d"))
        #expect(!String(reflecting: config).contains("marker-5f1d"))
    }
}

/// A readable file standing in for a CA bundle.
struct TemporaryPEM {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "dxrsync-ca-\(UUID().uuidString).pem"
        _ = FileManager.default.createFile(atPath: path, contents: Data("-----BEGIN CERTIFICATE-----\n".utf8))
    }
}
