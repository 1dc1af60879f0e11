/// Every configuration variable, each declared once with its typed default and its meaning. The
/// summaries are what `--help` prints and what the README's table says (`dxrsync docs --settings`
/// generates it), in Markdown's inline markup: values and names in backticks, nothing else.
package enum Settings {
    // MARK: The volume

    package static let volumeCatalog = Setting<String?>(
        "VOLUME_CATALOG", required: true, usage: [.plan, .sync, .store],
        "Unity Catalog catalog that holds the volume (not with `DXRSYNC_SCOPE`, which names volumes itself).")
    package static let volumeSchema = Setting<String?>(
        "VOLUME_SCHEMA", required: true, usage: [.plan, .sync, .store], "Schema that holds the volume.")
    package static let volumeName = Setting<String?>(
        "VOLUME_NAME", required: true, usage: [.plan, .sync, .store], "Name of the volume to scan.")
    package static let volumePrefix = Setting<String?>(
        "VOLUME_PREFIX", usage: [.plan, .sync], "Only scan this folder inside the volume.")
    package static let volumeBasePath = Setting(
        "VOLUME_BASE_PATH", default: "/Volumes", usage: [.plan, .sync],
        "Where volumes are mounted; any local folder works (`<base>/<catalog>/<schema>/<volume>`).")
    package static let volumeSource = Setting(
        "VOLUME_SOURCE", default: VolumeSourceKind.local, shown: VolumeSourceKind.local.rawValue,
        usage: [.plan, .sync],
        "`local` walks the mount; `files-api` lists and downloads through the Databricks Files API, from any machine.")
    package static let shard = Setting<String?>(
        "DXRSYNC_SHARD", usage: [.plan, .sync],
        "Retired, and an error when set: every hash shard listed the whole volume. Use `dxrsync partition` and "
            + "`DXRSYNC_PART`, whose parts list only their own folders.")
    package static let scope = Setting<String?>(
        "DXRSYNC_SCOPE", usage: [.plan, .sync],
        "Instead of the `VOLUME_*` variables, the Unity Catalog paths to classify, comma-separated: "
            + "`/Volumes/<catalog>` (every volume of the catalog), `/Volumes/<catalog>/<schema>`, or "
            + "`/Volumes/<catalog>/<schema>/<volume>[/<folder>]`. Volumes are found with the caller's rights (the "
            + "Unity Catalog API with `VOLUME_SOURCE=files-api`, the mount's folders otherwise); one that cannot be "
            + "read is named in the summary and skipped. All of them are written to one table (`METADATA_TABLE`, "
            + "default `dxrsync_metadata`).")
    package static let scopeInclude = Setting<String?>(
        "DXRSYNC_SCOPE_INCLUDE", usage: [.plan, .sync],
        "Only the volumes of `DXRSYNC_SCOPE` these comma-separated `catalog.schema` or `catalog.schema.volume` "
            + "patterns name (`*`, `?` and `[…]` wildcards), for example `main.finance_*`.")
    package static let scopeExclude = Setting<String?>(
        "DXRSYNC_SCOPE_EXCLUDE", usage: [.plan, .sync],
        "The volumes of `DXRSYNC_SCOPE` to leave out, as the same patterns, for example `main.scratch,*.*.tmp_*`.")
    package static let part = Setting<String?>(
        "DXRSYNC_PART", usage: [.plan, .sync],
        "One part of the scope, as `dxrsync partition` plans it: a JSON array of folders, `\"raw/2024/**\"` for a "
            + "folder and everything below it, `\"raw/*\"` for only the files directly in it. The run lists only "
            + "these folders, reads only their rows and tombstones only inside them; the parts of a plan together "
            + "write the table one run over the whole scope writes.")
    package static let exclude = Setting<String?>(
        "DXRSYNC_EXCLUDE", usage: [.plan, .sync],
        "Comma-separated gitignore-style patterns of paths inside the volume to leave out, for example "
            + "`**/_delta_log/**,**/*.tmp`; `.dxrignore` files in any folder add patterns below it. Excluded files "
            + "are not uploaded, and their rows are tombstoned with the reason `excluded by …`.")

    // MARK: DXR

    package static let dxrBaseURL = Setting<String?>(
        "DXR_BASE_URL", required: true, usage: [.sync], "Data X-Ray URL, for example `https://dxr.example.com`.")
    package static let dxrAPIPrefix = Setting(
        "DXR_API_PREFIX", default: "/api", usage: [.sync],
        "Path prefix of the DXR API; `v1` becomes `/v1`, `/` or empty means none.")
    package static let dxrDatasourceID = Setting<String?>(
        "DXR_DATASOURCE_ID", required: true, usage: [.sync],
        "On-Demand Classifier datasource id; a comma-separated list (`41,42,43`) spreads jobs round-robin.")
    package static let dxrAPIToken = Setting<String?>(
        "DXR_API_TOKEN", secret: true, usage: [.sync],
        "DXR API token. When unset, the token is read from `DXR_SECRET_SCOPE` / `DXR_SECRET_KEY`.")
    package static let dxrSecretScope = Setting<String?>(
        "DXR_SECRET_SCOPE", usage: [.sync], "Databricks secret scope holding the DXR token.")
    package static let dxrSecretKey = Setting<String?>(
        "DXR_SECRET_KEY", usage: [.sync], "Key of the DXR token in that scope.")
    package static let pollInterval = Setting(
        "DXR_POLL_INTERVAL_SECONDS", default: 10.0, shown: "10", usage: [.sync],
        "Longest wait between two status polls of a job.")
    package static let maxBytesPerJob = Setting(
        "DXR_MAX_BYTES_PER_JOB", default: Int64(30 * 1_048_576), shown: "30MiB", usage: [.plan, .sync],
        "Byte budget per job: `31457280`, `30MiB` (2^20) or `30MB` (10^6). A larger file becomes a `SKIPPED` row; "
            + "it never aborts the run.")
    package static let maxFilesPerJob = Setting(
        "DXR_MAX_FILES_PER_JOB", default: 25, usage: [.plan, .sync], "Files per job.")
    package static let maxConcurrentJobs = Setting(
        "DXR_MAX_CONCURRENT_JOBS", default: 4, usage: [.sync], "Jobs in flight at once, across all datasources.")
    package static let jobTimeout = Setting(
        "DXR_JOB_TIMEOUT_SECONDS", default: 3600.0, shown: "3600", usage: [.sync],
        "Give up on a job after this long; its files become `FAILED`.")
    package static let verifySSL = Setting(
        "DXR_VERIFY_SSL", default: true, usage: [.sync], "Verify DXR's TLS certificate.")
    package static let caBundlePath = Setting<String?>(
        "DXR_CA_BUNDLE_PATH", usage: [.sync], "PEM file with extra trusted certificates for DXR.")
    package static let jobRetries = Setting(
        "DXR_JOB_RETRIES", default: 2, usage: [.sync],
        "A job that ends `FAILED` is still searched; the files it did not return go into a new job up to this many "
            + "times before they become `FAILED` rows.")
    package static let connectTimeout = Setting(
        "DXR_CONNECT_TIMEOUT_SECONDS", default: 10.0, shown: "10", usage: [.sync],
        "How long one connection to DXR is tried (the TLS handshake included) before the attempt counts as "
            + "unanswered.")
    package static let maxUnansweredRequests = Setting(
        "DXR_MAX_UNANSWERED_REQUESTS", default: 5, usage: [.sync],
        "After this many attempts in a row get no HTTP answer from DXR at all (connection refused, DNS or TLS "
            + "failure, connect timeout) the run stops submitting, lets the jobs DXR accepted finish, records the files "
            + "it never sent as `FAILED` (their last good classification kept) and exits 3, about a minute after the "
            + "first failure, with one message naming the URL and the cause.")
    package static let debug = Setting(
        "DXR_DEBUG", default: false, usage: [.plan, .sync], "Verbose logging (secrets are never logged).")

    // MARK: The run

    package static let maxFailedRatio = Setting(
        "DXRSYNC_MAX_FAILED_RATIO", default: 0.05, usage: [.sync],
        "Exit 1 when more than this share of the files sent to DXR failed, or none was classified; otherwise the "
            + "failed files are rows (retried next run) and the run exits 0.")
    package static let maxTombstoneRatio = Setting(
        "DXRSYNC_MAX_TOMBSTONE_RATIO", default: 0.5, usage: [.sync],
        "A complete listing that would tombstone more than this share of the live rows under the scope "
            + "tombstones nothing and exits 1; `sync --allow-mass-delete` lets it through.")

    package static let rescan = Setting(
        "DXRSYNC_RESCAN", default: RescanPolicy.stale, shown: "stale", usage: [.plan, .sync],
        "Which unchanged files go to DXR again: `stale` (classified under other DXR rules: the label and "
            + "detector catalogue changed), `none`, or `older-than:30d` (classified longer ago).")
    package static let maxFilesPerRun = Setting<String?>(
        "DXRSYNC_MAX_FILES_PER_RUN", usage: [.plan, .sync],
        "Send at most this many files to DXR in one run: new and changed files first, then failed ones, then "
            + "re-scans; the rest waits for the next run (counted as `deferred`).")
    package static let maxBytesPerRun = Setting<String?>(
        "DXRSYNC_MAX_BYTES_PER_RUN", usage: [.plan, .sync],
        "The same budget in bytes (`30GiB`, `30GB` or a number).")
    package static let tagVolume = Setting(
        "DXRSYNC_TAG_VOLUME", default: false, usage: [.sync],
        "After a run that ends well, set Unity Catalog tags on the volume that summarise it (`dxr_labels`, "
            + "`dxr_sensitive_files`, `dxr_files`, `dxr_last_scan`). Delta stores only; needs `APPLY TAG` on the volume."
    )
    package static let webhookURL = Setting<String?>(
        "DXRSYNC_WEBHOOK_URL", secret: true, usage: [.sync],
        "POST each run's summary as JSON here (a Slack or Teams incoming webhook, or anything that takes JSON): "
            + "counts, status and errors, never file content or a secret. The URL itself is treated as a secret.")

    // MARK: The metadata table

    package static let dropMetadataTable = Setting(
        "DXR_DROP_METADATA_TABLE", default: false, usage: [.sync],
        "Drop and recreate the metadata table before the run.")
    package static let metadataCatalog = Setting<String?>(
        "METADATA_CATALOG", shown: "the volume's catalog", usage: [.sync, .store], "Catalog of the metadata table.")
    package static let metadataSchema = Setting<String?>(
        "METADATA_SCHEMA", shown: "the volume's schema", usage: [.sync, .store], "Schema of the metadata table.")
    package static let metadataTable = Setting<String?>(
        "METADATA_TABLE", shown: "`<VOLUME_NAME>_metadata`", usage: [.sync, .store],
        "The metadata table; the run ledger is `<table>_runs`. Letters, digits and `_` only.")
    package static let metadataBackend = Setting<String?>(
        "METADATA_BACKEND",
        shown: "`databricks` when `DATABRICKS_WAREHOUSE_ID` is set; on a Databricks cluster `spark` (under "
            + "`run_dxrsync.py`); otherwise `sqlite`",
        usage: [.sync, .store],
        "Where rows go: `sqlite` (the embedded file), `databricks` (a Delta table through a SQL warehouse) or "
            + "`spark` (a Delta table through the job cluster's Spark session). On a cluster "
            + "(`DATABRICKS_RUNTIME_VERSION` set) it is never a local SQLite file by default: with neither the "
            + "wrapper nor a warehouse the run stops with exit 2 and names the choices.")
    package static let sparkSocket = Setting<String?>(
        "DXRSYNC_SPARK_SOCKET", shown: "set by `run_dxrsync.py`", usage: [.sync, .store],
        "The socket of the job's Spark session, which runs the table's statements (`METADATA_BACKEND=spark`).")
    package static let databricksRuntimeVersion = Setting<String?>(
        "DATABRICKS_RUNTIME_VERSION", shown: "set by Databricks", usage: [.sync, .store],
        "Marks a Databricks cluster; dxrsync then never defaults to a SQLite file.")
    package static let metadataSQLitePath = Setting(
        "METADATA_SQLITE_PATH", default: "./dxr_metadata.sqlite", usage: [.sync, .store],
        "SQLite file of the embedded store.")

    // MARK: Databricks

    package static let databricksHost = Setting<String?>(
        "DATABRICKS_HOST", usage: [.plan, .sync, .store], "Workspace URL (Files API, Secrets, SQL warehouse).")
    package static let databricksToken = Setting<String?>(
        "DATABRICKS_TOKEN", secret: true, usage: [.plan, .sync, .store], "Personal access token.")
    package static let databricksClientID = Setting<String?>(
        "DATABRICKS_CLIENT_ID", usage: [.plan, .sync, .store], "Service principal for OAuth machine-to-machine auth.")
    package static let databricksClientSecret = Setting<String?>(
        "DATABRICKS_CLIENT_SECRET", secret: true, usage: [.plan, .sync, .store], "Its OAuth secret.")
    package static let databricksConfigProfile = Setting(
        "DATABRICKS_CONFIG_PROFILE", default: "DEFAULT", usage: [.plan, .sync, .store],
        "Profile in `~/.databrickscfg`; unset, the one `[__settings__] default_profile` names, then `DEFAULT`.")
    package static let databricksConfigFile = Setting(
        "DATABRICKS_CONFIG_FILE", default: "~/.databrickscfg", usage: [.plan, .sync, .store], "The profile file.")
    package static let databricksWarehouseID = Setting<String?>(
        "DATABRICKS_WAREHOUSE_ID", usage: [.sync, .store], "SQL warehouse for the Delta metadata table.")

    /// Every variable, in the order of the declarations above, which is the order of `--help` and
    /// of the README's table. Swift cannot list static properties, so this list is written by hand;
    /// `SettingsCatalogueTests` reads this file and fails when it is not exactly the declarations.
    package static let all: [ConfigurationVariable] = [
        volumeCatalog.variable, volumeSchema.variable, volumeName.variable, volumePrefix.variable,
        volumeBasePath.variable, volumeSource.variable, shard.variable, scope.variable,
        scopeInclude.variable, scopeExclude.variable, part.variable, exclude.variable,
        dxrBaseURL.variable, dxrAPIPrefix.variable, dxrDatasourceID.variable, dxrAPIToken.variable,
        dxrSecretScope.variable, dxrSecretKey.variable, pollInterval.variable, maxBytesPerJob.variable,
        maxFilesPerJob.variable, maxConcurrentJobs.variable, jobTimeout.variable, verifySSL.variable,
        caBundlePath.variable, jobRetries.variable, connectTimeout.variable, maxUnansweredRequests.variable,
        debug.variable, maxFailedRatio.variable, maxTombstoneRatio.variable,
        rescan.variable, maxFilesPerRun.variable, maxBytesPerRun.variable, tagVolume.variable, webhookURL.variable,
        dropMetadataTable.variable, metadataCatalog.variable, metadataSchema.variable, metadataTable.variable,
        metadataBackend.variable, sparkSocket.variable, databricksRuntimeVersion.variable, metadataSQLitePath.variable,
        databricksHost.variable, databricksToken.variable, databricksClientID.variable,
        databricksClientSecret.variable, databricksConfigProfile.variable, databricksConfigFile.variable,
        databricksWarehouseID.variable,
    ]
}
