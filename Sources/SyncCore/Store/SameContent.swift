/// A file whose modification time moved while its bytes stayed the same (a touch, a copy back).
package struct SameContent: Sendable, Hashable {
    package var filePath: String
    /// The new modification time, whole seconds.
    package var modificationTime: Int64

    package init(filePath: String, modificationTime: Int64) {
        self.filePath = filePath
        self.modificationTime = modificationTime
    }

    /// The columns of its row, as the Delta store sends them.
    package static let columns = MetadataSchema.columns.filter {
        ["file_path", "modification_time", "run_id"].contains($0.name)
    }
}
