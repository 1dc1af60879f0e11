import SyncCore
import TestSupport
import Testing

/// `DXRSYNC_SCOPE` paths, the include and exclude lists, and volumes found on a mount.
@Suite struct EstateResolutionTests {
    @Test(arguments: [
        ("/Volumes/main", "/Volumes/main"),
        ("/Volumes/main/hr/", "/Volumes/main/hr"),
        ("/Volumes/main/hr/docs", "/Volumes/main/hr/docs"),
        ("/Volumes/main/hr/docs/2024.01/raw", "/Volumes/main/hr/docs/2024.01/raw"),
    ])
    func pathsAreReadAsCatalogSchemaVolumeOrFolder(text: String, described: String) throws {
        #expect(try #require(ScopeRoot(parsing: text)).description == described)
    }

    @Test(arguments: ["main", "/Volumes/", "/Volumes/main//hr", "/Volumes/ma.in", "/Volumes/main/../x", "/mnt/main"])
    func otherTextIsNotAScopePath(text: String) {
        #expect(ScopeRoot(parsing: text) == nil)
    }

    @Test func includeAndExcludeNameSchemasAndVolumes() throws {
        let estate = EstateScope(
            roots: [.catalog("main")], include: [try EstateScope.namePattern("main.fin*")],
            exclude: [try EstateScope.namePattern("*.*.tmp_*"), try EstateScope.namePattern("main.finance_old")])
        func admits(_ schema: String, _ volume: String) -> Bool {
            estate.admits(VolumeScope(catalog: "main", schema: schema, volume: volume))
        }
        #expect(admits("finance", "invoices"))
        #expect(!admits("finance", "tmp_upload"))
        #expect(!admits("finance_old", "invoices"))
        #expect(!admits("hr", "docs"))
    }

    /// On a mount, a catalog's folders are its schemas and theirs its volumes; a schema that cannot
    /// be listed is named, never fatal; a folder inside a volume already named goes.
    @Test func volumesAreFoundOnTheMount() async throws {
        let base = TemporaryDirectory("mount")
        for path in [
            "main/hr/docs/a.txt", "main/hr/scans/b.txt", "main/finance/invoices/c.txt", "main/hr/docs/x/d.txt",
        ] {
            try base.write(path, "x")
        }
        let estate = EstateScope(
            roots: [
                ScopeRoot(parsing: "/Volumes/main")!, ScopeRoot(parsing: "/Volumes/main/hr/docs/x")!,
                ScopeRoot(parsing: "/Volumes/other")!,
            ])
        let found = await estate.resolve(with: MountedVolumeCatalogue(basePath: base.path))
        #expect(
            found.volumes.map(\.rootPath) == [
                "/Volumes/main/finance/invoices", "/Volumes/main/hr/docs", "/Volumes/main/hr/scans",
            ])
        #expect(found.skipped.map(\.name) == ["other"])
        #expect(found.skipped.first?.reason.contains("cannot list its schemas") == true)
    }
}
