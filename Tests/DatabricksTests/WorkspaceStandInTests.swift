import Databricks
import Foundation
import HTTPSupport
import Logging
import SyncCore
import TestSupport
import Testing

/// The workspace client, secrets and the Files API source against the stand-in over real HTTP.
@Suite(.tags(.endToEnd), .skippedInTheFastSet) struct WorkspaceStandInTests {
    static let token = "pat-standin-3c1e"
    static var logger: Logger {
        let logger = Logger.quiet("databricks-test", level: .error)
        return logger
    }

    let root = TemporaryDirectory("workspace")
    let scope = VolumeScope(catalog: "main", schema: "hr", volume: "docs")

    func write(_ relative: String, _ contents: String) throws { try root.write("main/hr/docs/" + relative, contents) }

    func withClient<Result: Sendable>(
        _ server: WorkspaceStandIn, _ configuration: DatabricksConfiguration? = nil,
        _ body: (WorkspaceClient) async throws -> Result
    ) async throws -> Result {
        let configuration =
            configuration ?? DatabricksConfiguration(host: URL(string: server.url), token: Secret(Self.token))
        return try await WorkspaceConnection.withConnection(
            configuration, retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20)),
            logger: Self.logger,
            body)
    }

    @Test func listingPagesThroughEveryFolderAndStreamsFiles() async throws {
        for index in 0..<7 { try write("f\(index).txt", String(repeating: "x", count: index)) }
        try write("sub dir/ünïcode é.csv", "a,b\n")
        try write("sub dir/deeper/q'uote.json", "{}")
        try write("empty.bin", "")
        let server = try WorkspaceStandIn(root: root.path, token: Self.token, pageSize: 2)
        let (listing, contents) = try await withClient(server) { client in
            let source = FilesAPIVolumeSource(client: client, scope: scope)
            let listing = try await source.list()
            var contents: [String: String] = [:]
            for file in listing.files {
                let reader = try await source.open(file)
                var bytes: [UInt8] = []
                while true {
                    let chunk = try await reader.read(maxLength: 3)
                    if chunk.isEmpty { break }
                    bytes += chunk
                }
                await reader.close()
                contents[file.relativePath] = String(decoding: bytes, as: UTF8.self)
            }
            return (listing, contents)
        }
        #expect(listing.isComplete)
        #expect(listing.files.count == 10)
        #expect(listing.files.first { $0.relativePath == "f6.txt" }?.size == 6)
        #expect(listing.files.allSatisfy { $0.modified.seconds > 1_600_000_000 })
        #expect(contents["sub dir/ünïcode é.csv"] == "a,b\n")
        #expect(contents["sub dir/deeper/q'uote.json"] == "{}")
        #expect(contents["empty.bin"] == "")
    }

    /// `.dxrignore` files are read through the Files API like any file, so a remote run leaves out
    /// what a run on the mount leaves out.
    @Test func ignoreFilesAreReadThroughTheFilesAPI() async throws {
        try write("a.txt", "a")
        try write("t/_delta_log/0.json", "{}")
        try write("logs/.dxrignore", "*\n!keep.txt\n")
        try write("logs/x.log", "x")
        try write("logs/keep.txt", "k")
        let server = try WorkspaceStandIn(root: root.path, token: Self.token)
        let listing = try await withClient(server) {
            try await FilesAPIVolumeSource(client: $0, scope: scope).listing(
                of: scope, excluding: [try GlobPattern("**/_delta_log/**")])
        }
        #expect(listing.files.map(\.relativePath) == ["a.txt", "logs/keep.txt"])
        #expect(listing.excluded.map(\.pattern) == [".dxrignore", "**/_delta_log/**", "*"])
    }

    @Test func aFolderThatFailsToListMakesTheListingIncomplete() async throws {
        try write("a.txt", "a")
        try write("broken/b.txt", "b")
        let server = try WorkspaceStandIn(
            root: root.path, token: Self.token, failListing: ["/Volumes/main/hr/docs/broken"])
        let listing = try await withClient(server) { try await FilesAPIVolumeSource(client: $0, scope: scope).list() }
        #expect(listing.files.map(\.relativePath) == ["a.txt"])
        #expect(!listing.isComplete)
        #expect(listing.problems.first?.path == "broken")
    }

    @Test func aMissingVolumeAndAVanishedFileAreReported() async throws {
        try write("gone.txt", "x")
        let server = try WorkspaceStandIn(root: root.path, token: Self.token)
        try await withClient(server) { client in
            let missing = FilesAPIVolumeSource(
                client: client, scope: VolumeScope(catalog: "main", schema: "hr", volume: "nope"))
            await #expect(throws: VolumeSourceError.self) { try await missing.list() }
            let source = FilesAPIVolumeSource(client: client, scope: scope)
            let file = try #require(try await source.list().files.first)
            try FileManager.default.removeItem(at: root.url("main/hr/docs/gone.txt"))
            do {
                _ = try await source.open(file)
                Issue.record("expected the file to have vanished")
            } catch {
                #expect((error as? FileAccessError)?.kind == .vanished)
            }
        }
    }

    @Test func secretsAreReadWithOAuthMachineToMachine() async throws {
        let server = try WorkspaceStandIn(
            root: root.path, token: Self.token, clientID: "sp-id", clientSecret: "sp-secret-9d2",
            secrets: ["dxr/token": "dxr-token-value"])
        let configuration = DatabricksConfiguration(
            host: URL(string: server.url), clientID: "sp-id", clientSecret: Secret("sp-secret-9d2"))
        let secret = try await withClient(server, configuration) { try await $0.secret(scope: "dxr", key: "token") }
        #expect(secret.revealedValue == "dxr-token-value")

        let wrong = DatabricksConfiguration(
            host: URL(string: server.url), clientID: "sp-id", clientSecret: Secret("wrong-secret-77"))
        do {
            _ = try await withClient(server, wrong) { try await $0.secret(scope: "dxr", key: "token") }
            Issue.record("expected the OAuth client to be rejected")
        } catch let error as WorkspaceError {
            #expect(error.message.contains("DATABRICKS_CLIENT_SECRET"))
            #expect(!error.message.contains("wrong-secret-77"))
        }
    }

    @Test func aProfileFileSuppliesHostAndToken() async throws {
        try write("a.txt", "a")
        let server = try WorkspaceStandIn(root: root.path, token: Self.token)
        let file = try root.write("databrickscfg", "[standin]\nhost = \(server.url)\ntoken = \(Self.token)\n").path
        let configuration = DatabricksConfiguration(profile: "standin", profileIsExplicit: true, configFile: file)
        let listing = try await withClient(server, configuration) {
            try await FilesAPIVolumeSource(client: $0, scope: scope).list()
        }
        #expect(listing.files.map(\.relativePath) == ["a.txt"])
    }

    @Test func aMissingSecretNamesScopeKeyAndStatus() async throws {
        let server = try WorkspaceStandIn(root: root.path, token: Self.token)
        do {
            _ = try await withClient(server) { try await $0.secret(scope: "dxr", key: "absent") }
            Issue.record("expected an error")
        } catch let error as WorkspaceError {
            #expect(error.message.contains("dxr/absent"))
            #expect(error.message.contains("HTTP 404"))
        }
    }

    /// Outside DBUtils the workspace may refuse the REST read of a secret with BAD_REQUEST; the
    /// error then says how to pass the token instead.
    @Test func aSecretReadRefusedOutsideDBUtilsNamesTheWaysAround() async throws {
        let server = try WorkspaceStandIn(
            root: root.path, token: Self.token, secrets: ["dxr/token": "v"], refuseRESTSecrets: true)
        let error = await #expect(throws: WorkspaceError.self) {
            _ = try await withClient(server) { try await $0.secret(scope: "dxr", key: "token") }
        }
        #expect(error?.message.contains("DXR_API_TOKEN") == true)
        #expect(error?.message.contains("{{secrets/dxr/token}}") == true)
        #expect(error?.message.contains("run_dxrsync.py") == true)
    }
}
