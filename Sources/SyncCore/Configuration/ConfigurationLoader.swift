import Foundation

/// Turns ``ConfigurationSources`` into a validated ``PlanConfiguration`` or
/// ``SyncConfiguration``, reporting every problem at once as a ``ConfigurationError``.
package enum ConfigurationLoader {
    /// The configuration for `plan` (and `report`): the DXR variables are not required, but those
    /// that are set are still checked, so `plan` doubles as a preflight for `sync`.
    package static func loadPlan(from sources: ConfigurationSources) throws(ConfigurationError) -> PlanConfiguration {
        var reader = SettingsReader(sources: sources)
        let plan = readPlan(&reader)
        reader.requiresValues = false
        _ = readDXR(&reader)
        try finish(reader)
        return plan
    }

    /// The configuration for `sync`: everything `plan` needs plus DXR.
    package static func loadSync(from sources: ConfigurationSources) throws(ConfigurationError) -> SyncConfiguration {
        var reader = SettingsReader(sources: sources)
        let plan = readPlan(&reader)
        let dxr = readDXR(&reader)
        let webhook = reader.parsedIfSet(Settings.webhookURL, expected: "an http:// or https:// URL") {
            SettingParsers.webhookURL($0).map { Secret($0.absoluteString) }
        }
        try finish(reader)
        guard let dxr else {
            throw ConfigurationError(problems: [.init(variable: "DXR_BASE_URL", message: "is not usable")])
        }
        return SyncConfiguration(plan: plan, dxr: dxr, webhook: webhook)
    }

    private static func finish(_ reader: SettingsReader) throws(ConfigurationError) {
        guard reader.problems.isEmpty else { throw ConfigurationError(problems: reader.problems) }
    }

    static func readPlan(_ reader: inout SettingsReader) -> PlanConfiguration {
        let estate = readEstate(&reader)
        let oneVolume: VolumeScope
        if let estate {
            // The volumes come from DXRSYNC_SCOPE; this one only lends the table its defaults.
            oneVolume = VolumeScope(catalog: estate.roots.first?.catalog ?? "", schema: "", volume: "")
        } else {
            oneVolume = VolumeScope(
                catalog: reader.objectName(Settings.volumeCatalog, hint: "set it to the catalog of the volume"),
                schema: reader.objectName(Settings.volumeSchema, hint: "set it to the schema of the volume"),
                volume: reader.objectName(Settings.volumeName, hint: "set it to the name of the volume to scan"),
                prefix: readPrefix(&reader))
        }
        let basePath = reader.text(Settings.volumeBasePath)
        let source = reader.parsed(Settings.volumeSource, expected: "local or files-api") {
            VolumeSourceKind(rawValue: $0.lowercased())
        }
        let volume = VolumeConfiguration(scope: oneVolume, basePath: basePath, source: source)

        let limits = PlanningLimits(
            maxBytesPerJob: reader.parsed(
                Settings.maxBytesPerJob, expected: "a positive byte size such as 31457280, 30MiB or 30MB"
            ) { SettingParsers.byteSize($0).flatMap { $0 > 0 ? $0 : nil } },
            maxFilesPerJob: reader.integer(Settings.maxFilesPerJob, in: 1...100_000))

        let databricks = readDatabricks(&reader)
        let metadata = readMetadata(&reader, volume: volume.scope, estate: estate, databricks: databricks)
        let debug = reader.boolean(Settings.debug)
        if reader.optional(Settings.shard) != nil {
            reader.report(
                Settings.shard.name,
                "hash shards are retired: every shard listed the whole volume. Plan parts that list only their own "
                    + "folders with `dxrsync partition --count N` and give each run one of them as DXRSYNC_PART")
        }
        let selections = reader.selections(Settings.part)
        if estate != nil && selections != [.everything] {
            reader.report(
                Settings.part.name,
                "applies to one volume; with DXRSYNC_SCOPE each volume runs whole (partition a large volume on its own)"
            )
        }
        return PlanConfiguration(
            volume: volume, estate: estate, limits: limits, metadata: metadata, databricks: databricks, debug: debug,
            selections: selections, excludes: reader.patterns(Settings.exclude),
            policy: readPolicy(&reader, backend: metadata.backend))
    }

    /// `DXRSYNC_SCOPE` with its lists, or `nil` for the playbook's one volume; naming both is an error.
    private static func readEstate(_ reader: inout SettingsReader) -> EstateScope? {
        guard let text = reader.optional(Settings.scope) else { return nil }
        for variable in [Settings.volumeCatalog, Settings.volumeSchema, Settings.volumeName, Settings.volumePrefix]
        where reader.optional(variable) != nil {
            reader.report(
                variable.name,
                "is set together with DXRSYNC_SCOPE, which names the volumes itself: unset one of them")
        }
        var roots: [ScopeRoot] = []
        for item in text.split(separator: ",").map({ $0.trimmingBlanks() }) where !item.isEmpty {
            guard let root = ScopeRoot(parsing: item) else {
                reader.report(
                    Settings.scope.name,
                    "'\(item)' is not a Unity Catalog path; expected /Volumes/<catalog>, /Volumes/<catalog>/<schema>, "
                        + "or /Volumes/<catalog>/<schema>/<volume>[/<folder>]")
                continue
            }
            roots.append(root)
        }
        if roots.isEmpty { reader.report(Settings.scope.name, "names no path") }
        return EstateScope(
            roots: roots, include: reader.namePatterns(Settings.scopeInclude),
            exclude: reader.namePatterns(Settings.scopeExclude))
    }

    private static func readPolicy(_ reader: inout SettingsReader, backend: MetadataBackend) -> RunPolicy {
        let policy = RunPolicy(
            maxFailedRatio: reader.ratio(Settings.maxFailedRatio),
            maxTombstoneRatio: reader.ratio(Settings.maxTombstoneRatio),
            allowMassDelete: false,
            rescan: reader.parsed(Settings.rescan, expected: "stale, none or older-than:<age> such as older-than:30d") {
                RescanPolicy(parsing: $0)
            },
            budget: RunBudget(
                maxFiles: reader.parsedIfSet(Settings.maxFilesPerRun, expected: "a positive whole number") {
                    SettingParsers.integer($0, in: 1...Int.max)
                },
                maxBytes: reader.parsedIfSet(
                    Settings.maxBytesPerRun, expected: "a positive byte size such as 30GiB or 30000000000"
                ) { SettingParsers.byteSize($0).flatMap { $0 > 0 ? $0 : nil } }),
            tagVolume: reader.boolean(Settings.tagVolume))
        if policy.tagVolume, case .sqlite = backend {
            reader.report(
                Settings.tagVolume.name,
                "needs the Delta store (METADATA_BACKEND=databricks or spark): a SQLite file has no volume to tag")
        }
        return policy
    }

    private static func readPrefix(_ reader: inout SettingsReader) -> String? {
        guard let raw = reader.optional(Settings.volumePrefix) else { return nil }
        let segments = raw.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            reader.report("VOLUME_PREFIX", "'\(raw)' must be a folder inside the volume, without '.' or '..'")
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    private static func readDatabricks(_ reader: inout SettingsReader) -> DatabricksConfiguration {
        let host = reader.parsedIfSet(
            Settings.databricksHost, expected: "the workspace URL, https://<workspace>.cloud.databricks.com",
            SettingParsers.workspaceURL)
        let profileIsExplicit = reader.sources.value(Settings.databricksConfigProfile.name) != nil
        return DatabricksConfiguration(
            host: host,
            token: reader.secret(Settings.databricksToken),
            clientID: reader.optional(Settings.databricksClientID),
            clientSecret: reader.secret(Settings.databricksClientSecret),
            profile: reader.text(Settings.databricksConfigProfile),
            profileIsExplicit: profileIsExplicit,
            warehouseID: reader.optional(Settings.databricksWarehouseID),
            configFile: reader.text(Settings.databricksConfigFile))
    }

    /// The table: by default beside the volume and named after it; for an estate scope in the
    /// catalog and schema its paths share (`METADATA_SCHEMA` is required when they name several),
    /// named `dxrsync_metadata`.
    private static func readMetadata(
        _ reader: inout SettingsReader, volume: VolumeScope, estate: EstateScope?, databricks: DatabricksConfiguration
    ) -> MetadataConfiguration {
        var defaults = (catalog: volume.catalog, schema: volume.schema, table: "\(volume.volume)_metadata")
        if let estate {
            let schemas = Set(estate.roots.map(\.schema))
            let shared = schemas.count == 1 ? schemas.first ?? nil : nil
            defaults = (estate.roots.first?.catalog ?? "", shared ?? "", "dxrsync_metadata")
            if defaults.schema.isEmpty && reader.optional(Settings.metadataSchema) == nil {
                reader.report(
                    Settings.metadataSchema.name,
                    "is required with a DXRSYNC_SCOPE over several schemas: name the schema of the one table all "
                        + "volumes are written to")
            }
        }
        let catalog = reader.identifier(Settings.metadataCatalog, default: defaults.catalog)
        let schema = reader.identifier(Settings.metadataSchema, default: defaults.schema)
        let table = reader.identifier(Settings.metadataTable, default: defaults.table)
        let backend = readBackend(&reader, databricks: databricks)
        return MetadataConfiguration(
            catalog: catalog, schema: schema, table: table, backend: backend,
            dropTable: reader.boolean(Settings.dropMetadataTable))
    }

    /// Where the rows go. Unset, it is the warehouse when `DATABRICKS_WAREHOUSE_ID` is set; on a
    /// Databricks cluster, the cluster's Spark session under `run_dxrsync.py`, and never a local
    /// SQLite file that would vanish with the cluster; elsewhere the SQLite file.
    private static func readBackend(_ reader: inout SettingsReader, databricks: DatabricksConfiguration)
        -> MetadataBackend
    {
        let socket = reader.optional(Settings.sparkSocket)
        let onDatabricks = reader.optional(Settings.databricksRuntimeVersion) != nil
        let chosen = reader.parsedIfSet(Settings.metadataBackend, expected: "sqlite, databricks or spark") {
            MetadataBackend.Kind(rawValue: $0.lowercased())
        }
        let kind: MetadataBackend.Kind
        if let chosen {
            kind = chosen
        } else if databricks.warehouseID != nil {
            kind = .databricks
        } else if onDatabricks {
            guard socket != nil else {
                reader.report(
                    Settings.metadataBackend.name,
                    "is not set on a Databricks cluster, where a SQLite file would vanish with the cluster: run "
                        + "dxrsync through run_dxrsync.py (the rows go through the cluster's Spark session), set "
                        + "DATABRICKS_WAREHOUSE_ID (a SQL warehouse), or set METADATA_BACKEND=sqlite to keep a local file"
                )
                return .sqlite(path: reader.text(Settings.metadataSQLitePath))
            }
            kind = .spark
        } else {
            kind = .sqlite
        }
        switch kind {
        case .sqlite:
            return .sqlite(path: reader.text(Settings.metadataSQLitePath))
        case .databricks:
            if databricks.warehouseID == nil {
                reader.report(
                    Settings.databricksWarehouseID.name,
                    "is required when METADATA_BACKEND is databricks; set it to the SQL warehouse id")
            }
            return .databricks(warehouseID: databricks.warehouseID ?? "")
        case .spark:
            if socket == nil {
                reader.report(
                    Settings.metadataBackend.name,
                    "is spark, which works only under run_dxrsync.py on a Databricks cluster (it provides "
                        + "DXRSYNC_SPARK_SOCKET); elsewhere use databricks (a SQL warehouse) or sqlite")
            }
            return .spark(socketPath: socket ?? "")
        }
    }

    static func readDXR(_ reader: inout SettingsReader) -> DXRConfiguration? {
        let baseURL: URL?
        if let text = reader.required(
            Settings.dxrBaseURL, hint: "set it to your Data X-Ray URL, for example https://dxr.example.com")
        {
            baseURL = SettingParsers.httpURL(text)
            if baseURL == nil { reader.report("DXR_BASE_URL", "'\(text)' is not an http(s) URL with a host") }
        } else {
            baseURL = nil
        }
        let datasourceIDs = readDatasourceIDs(&reader)
        let token = readToken(&reader)
        // The playbook's rule: a prefix set to an empty value means no prefix, not the default.
        let prefix = Settings.dxrAPIPrefix
        let apiPrefix = SettingParsers.apiPrefix(
            reader.sources.isSet(prefix.name) ? reader.sources.value(prefix.name) : prefix.defaultValue)
        let pollInterval = reader.seconds(Settings.pollInterval)
        let maxConcurrentJobs = reader.integer(Settings.maxConcurrentJobs, in: 1...256)
        let jobTimeout = reader.seconds(Settings.jobTimeout)
        let jobRetries = reader.integer(Settings.jobRetries, in: 0...10)
        let connectTimeout = reader.seconds(Settings.connectTimeout)
        let maxUnanswered = reader.integer(Settings.maxUnansweredRequests, in: 1...1000)
        let verifyTLS = reader.boolean(Settings.verifySSL)
        let caBundlePath = reader.optional(Settings.caBundlePath)
        if let caBundlePath, !FileManager.default.isReadableFile(atPath: caBundlePath) {
            reader.report("DXR_CA_BUNDLE_PATH", "'\(caBundlePath)' is not a readable file")
        }
        guard let baseURL, let token, !datasourceIDs.isEmpty else { return nil }
        return DXRConfiguration(
            baseURL: baseURL, apiPrefix: apiPrefix, datasourceIDs: datasourceIDs, token: token,
            pollIntervalSeconds: pollInterval, maxConcurrentJobs: maxConcurrentJobs,
            jobTimeoutSeconds: jobTimeout, jobRetries: jobRetries, connectTimeoutSeconds: connectTimeout,
            maxUnansweredRequests: maxUnanswered, verifyTLS: verifyTLS, caBundlePath: caBundlePath)
    }

    private static func readDatasourceIDs(_ reader: inout SettingsReader) -> [String] {
        guard
            let text = reader.required(
                Settings.dxrDatasourceID, hint: "set it to the On-Demand Classifier datasource id (or ids: 41,42)")
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
        if let token = reader.secret(Settings.dxrAPIToken) { return .direct(token) }
        let scope = reader.optional(Settings.dxrSecretScope)
        let key = reader.optional(Settings.dxrSecretKey)
        switch (scope, key) {
        case (let scope?, let key?):
            // Under run_dxrsync.py on a cluster the wrapper reads it with dbutils; the binary is
            // the one parser of the job's parameters and asks for it by name.
            if let socket = reader.optional(Settings.sparkSocket) {
                return .clusterSecret(scope: scope, key: key, socketPath: socket)
            }
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
