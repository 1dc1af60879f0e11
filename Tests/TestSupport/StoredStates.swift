import SyncCore

extension MetadataStore {
    /// Every stored state under `pathPrefix`, all pages together (for tests of small tables).
    package func storedStates(under pathPrefix: String) async throws -> [StoredFileState] {
        var states: [StoredFileState] = []
        try await readStoredStates(under: pathPrefix) { states += $0 }
        return states
    }

    /// Every row under `pathPrefix` (for tests of small tables).
    package func records(under pathPrefix: String) async throws -> [FileRecord] {
        try await records(under: pathPrefix, limit: 1_000_000)
    }
}
