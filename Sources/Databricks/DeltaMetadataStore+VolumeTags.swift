import SyncCore

extension DeltaMetadataStore: VolumeTagging {
    package func setTags(_ tags: VolumeTags, onVolume scope: VolumeScope) async throws {
        let volume = DeltaSQL.qualified(scope.catalog, scope.schema, scope.volume)
        _ = try await executor.execute(DeltaSQL.setTags(onVolume: volume, tags))
    }
}
