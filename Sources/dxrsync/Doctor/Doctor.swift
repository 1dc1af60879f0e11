import DXR
import Databricks
import Foundation
import HTTPSupport
import Logging
import SQLiteStore
import SyncCore

/// Checks every dependency a sync with this configuration uses, with the calls a run makes and
/// nothing written: the cluster, the workspace and the secret, DXR, the volume, the store. A
/// check that depends on one that failed is left out, so each problem is named once.
enum Doctor {
    /// Two attempts per request: a broken setup is named in seconds, not after a run's retries.
    static let retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(500), maxDelay: .seconds(2))

    static func run(_ configuration: SyncConfiguration, runtimeVersion: String?, logger: Logger) async -> DoctorReport {
        var checks = runtimeChecks(runtimeVersion, configuration.plan)
        let plan = configuration.plan
        do {
            try await Workspaces.withWorkspace(
                if: SyncRunner.needsWorkspace(configuration), plan.databricks, logger: logger
            ) { workspace in
                if workspace != nil, let host = plan.databricks.host {
                    checks.append(.ok("databricks.workspace", "credentials for \(host.absoluteString) resolve"))
                }
                checks += await dxrChecks(configuration.dxr, workspace: workspace, logger: logger)
                if let estate = plan.estate {
                    checks += await estateChecks(plan, estate: estate, workspace: workspace)
                } else {
                    checks += await volumeChecks(VolumeSources.make(for: plan, workspace: workspace))
                }
                checks += await storeChecks(plan, workspace: workspace, logger: logger)
            }
        } catch {
            checks.append(
                .failed(
                    "databricks.workspace", "\(error)",
                    advice: "set DATABRICKS_HOST and DATABRICKS_TOKEN (or a service principal, or a profile)",
                    kind: FailureKind(of: error)))
        }
        return DoctorReport(checks: checks)
    }

    /// On a cluster: the runtime, which `DXRSYNC_TAG_VOLUME` needs at 14.3 or later.
    static func runtimeChecks(_ version: String?, _ plan: PlanConfiguration) -> [DoctorCheck] {
        guard let version else { return [] }
        let parts = version.split(separator: ".").compactMap { Int($0.prefix { $0.isNumber }) }
        let supportsVolumeTags = parts.count >= 2 && (parts[0], parts[1]) >= (14, 3)
        if plan.policy.tagVolume && !supportsVolumeTags {
            return [
                .failed(
                    "cluster.runtime", "Databricks Runtime \(version) cannot set volume tags (ALTER VOLUME … SET TAGS)",
                    advice: "use Databricks Runtime 14.3 or later, or unset DXRSYNC_TAG_VOLUME")
            ]
        }
        return [.ok("cluster.runtime", "Databricks Runtime \(version)")]
    }

    /// The token (read from its secret when it is one), then DXR itself.
    static func dxrChecks(_ dxr: DXRConfiguration, workspace: WorkspaceClient?, logger: Logger) async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let token: Secret
        do {
            token = try await SyncRunner.token(for: dxr, workspace: workspace)
            if case .direct = dxr.token {} else { checks.append(.ok("dxr.secret", "\(dxr.token) reads")) }
        } catch {
            return [
                .failed(
                    "dxr.secret", "\(error)",
                    advice: "check DXR_SECRET_SCOPE and DXR_SECRET_KEY, and that this identity may READ the scope",
                    kind: FailureKind(of: error))
            ]
        }
        do {
            checks += try await DXRConnection.withConnection(dxr, token: token, retry: retry, logger: logger) {
                await $0.doctorChecks()
            }
        } catch {
            checks.append(
                .failed("dxr.reachable", "\(error)", advice: "check DXR_CA_BUNDLE_PATH", kind: FailureKind(of: error)))
        }
        return checks
    }

    /// `DXRSYNC_SCOPE`: the volumes are found (a skipped one is a warning, naming it), and each
    /// lists and reads as a single volume would.
    static func estateChecks(_ plan: PlanConfiguration, estate: EstateScope, workspace: WorkspaceClient?) async
        -> [DoctorCheck]
    {
        let catalogue = VolumeSources.catalogue(for: plan, workspace: workspace)
        let found = await estate.resolve(with: catalogue)
        guard !found.volumes.isEmpty else {
            return [
                .failed(
                    "scope.volumes",
                    "no volume of \(estate.roots.map(\.description).joined(separator: ", ")) found "
                        + "through \(catalogue.location)"
                        + (found.skipped.isEmpty
                            ? "" : ": " + found.skipped.map(\.description).joined(separator: "; ")),
                    advice: "check DXRSYNC_SCOPE, its include and exclude lists, and USE SCHEMA / READ VOLUME")
            ]
        }
        var checks: [DoctorCheck] = [
            .ok("scope.volumes", "\(found.volumes.count) volumes found through \(catalogue.location)")
        ]
        checks += found.skipped.map {
            .warning(
                "scope.volumes", "skipped \($0)", advice: "grant READ VOLUME, or exclude it (DXRSYNC_SCOPE_EXCLUDE)")
        }
        for volume in found.volumes {
            var one = plan
            one.volume.scope = volume
            checks += await volumeChecks(VolumeSources.make(for: one, workspace: workspace))
        }
        return checks
    }

    /// The volume lists, and one of its files reads.
    static func volumeChecks(_ source: any VolumeSource) async -> [DoctorCheck] {
        let file: VolumeFile?
        do {
            file = try await source.sample()
        } catch {
            return [
                .failed(
                    "volume.list", "\(error)",
                    advice: "check the VOLUME_* variables and that this identity may READ VOLUME on it")
            ]
        }
        guard let file else {
            return [
                .warning(
                    "volume.list", "\(source.location) lists but holds no file",
                    advice: "check VOLUME_PREFIX if files are expected there")
            ]
        }
        let listed = DoctorCheck.ok("volume.list", "\(source.location) lists")
        do {
            let contents = try await source.open(file)
            do {
                _ = try await contents.read(maxLength: 1)
            } catch {
                await contents.close()
                throw error
            }
            await contents.close()
            return [listed, .ok("volume.read", "\(file.relativePath) reads")]
        } catch {
            return [
                listed,
                .failed(
                    "volume.read", "cannot read \(file.relativePath): \(error)",
                    advice: "check that this identity may READ VOLUME, and the file's permissions"),
            ]
        }
    }

    /// The store: the warehouse or the cluster's Spark session it runs on, then the table.
    static func storeChecks(_ plan: PlanConfiguration, workspace: WorkspaceClient?, logger: Logger) async
        -> [DoctorCheck]
    {
        var checks: [DoctorCheck] = []
        switch plan.metadata.backend {
        case .sqlite(let path):
            do {
                return [.ok("store.table", try SQLiteMetadataStore.inspect(path: path, table: plan.metadata.table))]
            } catch {
                return [.failed("store.table", "\(error)", advice: "set METADATA_SQLITE_PATH to a writable file")]
            }
        case .databricks(let warehouseID):
            guard let workspace else { return [] }
            do {
                let (state, name) = try await SQLWarehouse(client: workspace, warehouseID: warehouseID).state()
                let named = "SQL warehouse \(warehouseID)" + (name.map { " (\($0))" } ?? "")
                switch state {
                case "RUNNING", "STARTING":
                    checks.append(.ok("store.warehouse", "\(named) is \(state)"))
                case "STOPPED", "STOPPING":
                    checks.append(
                        .warning(
                            "store.warehouse", "\(named) is \(state)",
                            advice: "the run's first statement starts it, which can take minutes; start it ahead of "
                                + "the schedule or give it auto-stop headroom"))
                default:
                    return [
                        .failed(
                            "store.warehouse", "\(named) is \(state)",
                            advice: "set DATABRICKS_WAREHOUSE_ID to a warehouse that exists")
                    ]
                }
            } catch {
                return [
                    .failed(
                        "store.warehouse", "SQL warehouse \(warehouseID): \(error)",
                        advice: "check DATABRICKS_WAREHOUSE_ID and that this identity has CAN USE on it",
                        kind: FailureKind(of: error))
                ]
            }
        case .spark:
            break
        }
        guard let executor = SyncRunner.executor(for: plan, workspace: workspace) else { return checks }
        let store = DeltaMetadataStore(executor: executor, configuration: plan.metadata, logger: logger)
        do {
            checks.append(.ok("store.table", try await store.inspect()))
        } catch {
            checks.append(
                .failed(
                    "store.table", "\(error)",
                    advice: "check METADATA_CATALOG, METADATA_SCHEMA and METADATA_TABLE, and this identity's "
                        + "USE SCHEMA, CREATE TABLE, SELECT and MODIFY privileges",
                    kind: FailureKind(of: error)))
        }
        return checks
    }
}
