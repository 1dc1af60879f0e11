/// One configuration variable the tool reads: its name, default and meaning.
///
/// The catalogue in ``ConfigurationVariable/all`` is the single source for `--help`, the README
/// table and validation messages, so the three never drift apart.
public struct ConfigurationVariable: Sendable, Hashable {
    /// Which commands read a variable.
    public struct Usage: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Read when listing and planning (`plan`, `sync`).
        public static let plan = Usage(rawValue: 1 << 0)
        /// Read only when classifying and storing (`sync`).
        public static let sync = Usage(rawValue: 1 << 1)
        /// Read when opening the metadata store (`sync`, `report`).
        public static let store = Usage(rawValue: 1 << 2)
    }

    /// The environment-variable name, for example `VOLUME_NAME`.
    public let name: String
    /// The default as shown to people, or `nil` when there is none.
    public let defaultDescription: String?
    /// Whether a value must be supplied.
    public let isRequired: Bool
    /// Whether the value is a credential that must never be printed.
    public let isSecret: Bool
    /// The commands that read it.
    public let usage: Usage
    /// One line for people.
    public let summary: String

    init(
        _ name: String,
        default defaultDescription: String? = nil,
        required isRequired: Bool = false,
        secret isSecret: Bool = false,
        usage: Usage,
        _ summary: String
    ) {
        self.name = name
        self.defaultDescription = defaultDescription
        self.isRequired = isRequired
        self.isSecret = isSecret
        self.usage = usage
        self.summary = summary
    }
}

extension ConfigurationVariable {
    /// Every variable the tool reads, in the order the README lists them.
    public static let all: [ConfigurationVariable] = [
        .init(
            "VOLUME_CATALOG", required: true, usage: [.plan, .sync, .store],
            "Unity Catalog catalog that holds the volume."),
        .init("VOLUME_SCHEMA", required: true, usage: [.plan, .sync, .store], "Schema that holds the volume."),
        .init("VOLUME_NAME", required: true, usage: [.plan, .sync, .store], "Name of the volume to scan."),
        .init("VOLUME_PREFIX", usage: [.plan, .sync], "Only scan this folder inside the volume."),
        .init(
            "VOLUME_BASE_PATH", default: "/Volumes", usage: [.plan, .sync],
            "Where volumes are mounted (any local folder works)."),
        .init(
            "VOLUME_SOURCE", default: "local", usage: [.plan, .sync],
            "`local` (walk the mount) or `files-api` (Databricks Files API)."),
        .init(
            "DXRSYNC_SHARD", usage: [.plan, .sync],
            "`i/n`: only the files whose relative path hashes to shard i of n (also `--shard`); tombstones stay within it."
        ),
        .init("DXR_BASE_URL", required: true, usage: [.sync], "Data X-Ray URL, for example https://dxr.example.com."),
        .init("DXR_API_PREFIX", default: "/api", usage: [.sync], "Path prefix of the DXR API; empty for none."),
        .init(
            "DXR_DATASOURCE_ID", required: true, usage: [.sync],
            "On-Demand Classifier datasource id; a comma-separated list spreads jobs round-robin."),
        .init(
            "DXR_API_TOKEN", secret: true, usage: [.sync],
            "DXR API token. When unset the token is read from DXR_SECRET_SCOPE / DXR_SECRET_KEY."),
        .init("DXR_SECRET_SCOPE", usage: [.sync], "Databricks secret scope holding the DXR token."),
        .init("DXR_SECRET_KEY", usage: [.sync], "Key of the DXR token in that scope."),
        .init(
            "DXR_POLL_INTERVAL_SECONDS", default: "10", usage: [.sync],
            "Longest wait between two status polls of a job."),
        .init(
            "DXR_MAX_BYTES_PER_JOB", default: "30MiB", usage: [.plan, .sync],
            "Byte budget per job: 31457280, 30MiB (2^20) or 30MB (10^6). Larger files are SKIPPED."),
        .init("DXR_MAX_FILES_PER_JOB", default: "25", usage: [.plan, .sync], "Files per job."),
        .init(
            "DXR_MAX_CONCURRENT_JOBS", default: "4", usage: [.sync], "Jobs in flight at once, across all datasources."),
        .init(
            "DXR_JOB_TIMEOUT_SECONDS", default: "3600", usage: [.sync],
            "Give up on a job after this long; its files become FAILED."),
        .init("DXR_VERIFY_SSL", default: "true", usage: [.sync], "Verify the DXR TLS certificate."),
        .init("DXR_CA_BUNDLE_PATH", usage: [.sync], "PEM file with extra trusted certificates for DXR."),
        .init("DXR_DEBUG", default: "false", usage: [.plan, .sync], "Verbose logging (secrets are never logged)."),
        .init(
            "DXR_DROP_METADATA_TABLE", default: "false", usage: [.sync],
            "Drop and recreate the metadata table before the run."),
        .init("METADATA_CATALOG", default: "VOLUME_CATALOG", usage: [.sync, .store], "Catalog of the metadata table."),
        .init("METADATA_SCHEMA", default: "VOLUME_SCHEMA", usage: [.sync, .store], "Schema of the metadata table."),
        .init(
            "METADATA_TABLE", default: "<VOLUME_NAME>_metadata", usage: [.sync, .store],
            "Name of the metadata table; the run ledger is <table>_runs."),
        .init(
            "METADATA_BACKEND", default: "sqlite; databricks with DATABRICKS_WAREHOUSE_ID",
            usage: [.sync, .store], "`sqlite` (embedded file) or `databricks` (Delta table through a SQL warehouse)."),
        .init(
            "METADATA_SQLITE_PATH", default: "./dxr_metadata.sqlite", usage: [.sync, .store],
            "SQLite file of the embedded store."),
        .init("DATABRICKS_HOST", usage: [.plan, .sync, .store], "Workspace URL (Files API, Secrets, SQL warehouse)."),
        .init("DATABRICKS_TOKEN", secret: true, usage: [.plan, .sync, .store], "Personal access token."),
        .init(
            "DATABRICKS_CLIENT_ID", usage: [.plan, .sync, .store],
            "Service principal for OAuth machine-to-machine auth."),
        .init("DATABRICKS_CLIENT_SECRET", secret: true, usage: [.plan, .sync, .store], "Its OAuth secret."),
        .init(
            "DATABRICKS_CONFIG_PROFILE", default: "DEFAULT", usage: [.plan, .sync, .store],
            "Profile in ~/.databrickscfg."),
        .init(
            "DATABRICKS_CONFIG_FILE", default: "~/.databrickscfg", usage: [.plan, .sync, .store], "The profile file."),
        .init("DATABRICKS_WAREHOUSE_ID", usage: [.sync, .store], "SQL warehouse for the Delta metadata table."),
    ]

    /// The variables a command reads, for its `--help`.
    public static func read(by usage: Usage) -> [ConfigurationVariable] {
        all.filter { !$0.usage.isDisjoint(with: usage) }
    }
}
