import Foundation

/// Turns ``ConfigurationSources`` into a validated ``PlanConfiguration`` or
/// ``SyncConfiguration``, reporting every problem at once as a ``ConfigurationError``.
public enum ConfigurationLoader {
    /// The configuration for `plan` (and `report`): the DXR variables are not required, but those
    /// that are set are still checked, so `plan` doubles as a preflight for `sync`.
    public static func loadPlan(from sources: ConfigurationSources) throws(ConfigurationError) -> PlanConfiguration {
        var reader = SettingsReader(sources: sources)
        let plan = readPlan(&reader)
        reader.requiresValues = false
        _ = readDXR(&reader)
        try finish(reader)
        return plan
    }

    /// The configuration for `sync`: everything `plan` needs plus DXR.
    public static func loadSync(from sources: ConfigurationSources) throws(ConfigurationError) -> SyncConfiguration {
        var reader = SettingsReader(sources: sources)
        let plan = readPlan(&reader)
        let dxr = readDXR(&reader)
        try finish(reader)
        guard let dxr else {
            throw ConfigurationError(problems: [.init(variable: "DXR_BASE_URL", message: "is not usable")])
        }
        return SyncConfiguration(plan: plan, dxr: dxr)
    }

    private static func finish(_ reader: SettingsReader) throws(ConfigurationError) {
        guard reader.problems.isEmpty else { throw ConfigurationError(problems: reader.problems) }
    }

    static func readPlan(_ reader: inout SettingsReader) -> PlanConfiguration {
        let catalog = reader.objectName("VOLUME_CATALOG", hint: "set it to the catalog of the volume")
        let schema = reader.objectName("VOLUME_SCHEMA", hint: "set it to the schema of the volume")
        let volumeName = reader.objectName("VOLUME_NAME", hint: "set it to the name of the volume to scan")
        let prefix = readPrefix(&reader)
        let basePath = reader.optional("VOLUME_BASE_PATH") ?? "/Volumes"
        let source = reader.parsed("VOLUME_SOURCE", default: VolumeSourceKind.local, expected: "local or files-api") {
            VolumeSourceKind(rawValue: $0.lowercased())
        }
        let volume = VolumeConfiguration(
            scope: VolumeScope(catalog: catalog, schema: schema, volume: volumeName, prefix: prefix),
            basePath: basePath, source: source)

        let limits = PlanningLimits(
            maxBytesPerJob: reader.parsed(
                "DXR_MAX_BYTES_PER_JOB", default: PlanningLimits.playbookDefaults.maxBytesPerJob,
                expected: "a positive byte size such as 31457280, 30MiB or 30MB"
            ) { SettingParsers.byteSize($0).flatMap { $0 > 0 ? $0 : nil } },
            maxFilesPerJob: reader.integer(
                "DXR_MAX_FILES_PER_JOB", default: PlanningLimits.playbookDefaults.maxFilesPerJob, in: 1...100_000))

        let databricks = readDatabricks(&reader)
        let metadata = readMetadata(&reader, volume: volume.scope, databricks: databricks)
        let debug = reader.boolean("DXR_DEBUG", default: false)
        let shard = reader.parsed(
            "DXRSYNC_SHARD", default: Shard?.none, expected: "i/n with 1 <= i <= n <= 1024, for example 2/4"
        ) { Shard(parsing: $0) }
        return PlanConfiguration(
            volume: volume, limits: limits, metadata: metadata, databricks: databricks, debug: debug, shard: shard)
    }

    private static func readPrefix(_ reader: inout SettingsReader) -> String? {
        guard let raw = reader.optional("VOLUME_PREFIX") else { return nil }
        let segments = raw.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            reader.report("VOLUME_PREFIX", "'\(raw)' must be a folder inside the volume, without '.' or '..'")
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    private static func readDatabricks(_ reader: inout SettingsReader) -> DatabricksConfiguration {
        let host = reader.parsed(
            "DATABRICKS_HOST", default: URL?.none,
            expected: "the workspace URL, https://<workspace>.cloud.databricks.com"
        ) { text in
            SettingParsers.httpURL(text.contains("://") ? text : "https://" + text).map { Optional($0) }
        }
        let profile = reader.optional("DATABRICKS_CONFIG_PROFILE")
        return DatabricksConfiguration(
            host: host,
            token: reader.secret("DATABRICKS_TOKEN"),
            clientID: reader.optional("DATABRICKS_CLIENT_ID"),
            clientSecret: reader.secret("DATABRICKS_CLIENT_SECRET"),
            profile: profile ?? "DEFAULT",
            profileIsExplicit: profile != nil,
            warehouseID: reader.optional("DATABRICKS_WAREHOUSE_ID"),
            configFile: reader.optional("DATABRICKS_CONFIG_FILE")
                ?? ((reader.optional("HOME") ?? "~") + "/.databrickscfg"))
    }

    private static func readMetadata(
        _ reader: inout SettingsReader, volume: VolumeScope, databricks: DatabricksConfiguration
    ) -> MetadataConfiguration {
        let catalog = reader.identifier("METADATA_CATALOG", default: volume.catalog)
        let schema = reader.identifier("METADATA_SCHEMA", default: volume.schema)
        let table = reader.identifier("METADATA_TABLE", default: "\(volume.volume)_metadata")
        let sqlitePath = reader.optional("METADATA_SQLITE_PATH") ?? "./dxr_metadata.sqlite"
        let defaultBackend = databricks.warehouseID == nil ? "sqlite" : "databricks"
        let backendName = reader.parsed("METADATA_BACKEND", default: defaultBackend, expected: "sqlite or databricks") {
            let name = $0.lowercased()
            return name == "sqlite" || name == "databricks" ? name : nil
        }
        let backend: MetadataBackend
        if backendName == "databricks" {
            if databricks.warehouseID == nil {
                reader.report(
                    "DATABRICKS_WAREHOUSE_ID",
                    "is required when METADATA_BACKEND is databricks; set it to the SQL warehouse id")
            }
            backend = .databricks(warehouseID: databricks.warehouseID ?? "")
        } else {
            backend = .sqlite(path: sqlitePath)
        }
        return MetadataConfiguration(
            catalog: catalog, schema: schema, table: table, backend: backend,
            dropTable: reader.boolean("DXR_DROP_METADATA_TABLE", default: false))
    }

    static func readDXR(_ reader: inout SettingsReader) -> DXRConfiguration? {
        let baseURL: URL?
        if let text = reader.required(
            "DXR_BASE_URL", hint: "set it to your Data X-Ray URL, for example https://dxr.example.com")
        {
            baseURL = SettingParsers.httpURL(text)
            if baseURL == nil { reader.report("DXR_BASE_URL", "'\(text)' is not an http(s) URL with a host") }
        } else {
            baseURL = nil
        }
        let datasourceIDs = readDatasourceIDs(&reader)
        let token = readToken(&reader)
        let apiPrefix = SettingParsers.apiPrefix(
            reader.sources.isSet("DXR_API_PREFIX") ? reader.optional("DXR_API_PREFIX") : "/api")
        let pollInterval = reader.seconds("DXR_POLL_INTERVAL_SECONDS", default: 10)
        let maxConcurrentJobs = reader.integer("DXR_MAX_CONCURRENT_JOBS", default: 4, in: 1...256)
        let jobTimeout = reader.seconds("DXR_JOB_TIMEOUT_SECONDS", default: 3600)
        let verifyTLS = reader.boolean("DXR_VERIFY_SSL", default: true)
        let caBundlePath = reader.optional("DXR_CA_BUNDLE_PATH")
        if let caBundlePath, !FileManager.default.isReadableFile(atPath: caBundlePath) {
            reader.report("DXR_CA_BUNDLE_PATH", "'\(caBundlePath)' is not a readable file")
        }
        guard let baseURL, let token, !datasourceIDs.isEmpty else { return nil }
        return DXRConfiguration(
            baseURL: baseURL, apiPrefix: apiPrefix, datasourceIDs: datasourceIDs, token: token,
            pollIntervalSeconds: pollInterval, maxConcurrentJobs: maxConcurrentJobs,
            jobTimeoutSeconds: jobTimeout, verifyTLS: verifyTLS, caBundlePath: caBundlePath)
    }

    private static func readDatasourceIDs(_ reader: inout SettingsReader) -> [String] {
        guard
            let text = reader.required(
                "DXR_DATASOURCE_ID", hint: "set it to the On-Demand Classifier datasource id (or ids: 41,42)")
        else {
            return []
        }
        let ids = text.split(separator: ",").map { String($0).trimmingBlanks() }
        let invalid = ids.filter { $0.isEmpty || !$0.allSatisfy({ $0.isASCII && $0.isNumber }) }
        if !invalid.isEmpty || ids.isEmpty {
            reader.report("DXR_DATASOURCE_ID", "'\(text)' must be a numeric id or a comma-separated list of them")
            return []
        }
        return ids
    }

    private static func readToken(_ reader: inout SettingsReader) -> DXRTokenSource? {
        if let token = reader.secret("DXR_API_TOKEN") { return .direct(token) }
        let scope = reader.optional("DXR_SECRET_SCOPE")
        let key = reader.optional("DXR_SECRET_KEY")
        switch (scope, key) {
        case (let scope?, let key?):
            return .databricksSecret(scope: scope, key: key)
        case (nil, nil):
            if reader.requiresValues {
                reader.report("DXR_API_TOKEN", "is required when DXR_SECRET_SCOPE and DXR_SECRET_KEY are not set")
            }
        case (nil, _?):
            reader.report("DXR_SECRET_SCOPE", "is required with DXR_SECRET_KEY (or set DXR_API_TOKEN)")
        case (_?, nil):
            reader.report("DXR_SECRET_KEY", "is required with DXR_SECRET_SCOPE (or set DXR_API_TOKEN)")
        }
        return nil
    }
}
