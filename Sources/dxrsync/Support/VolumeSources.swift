import ArgumentParser
import SyncCore

/// Picks the ``VolumeSource`` the configuration asks for.
enum VolumeSources {
    static func make(for config: PlanConfiguration) throws -> any VolumeSource {
        switch config.volume.source {
        case .local:
            return LocalVolumeSource(configuration: config.volume)
        case .filesAPI:
            printError("dxrsync: VOLUME_SOURCE=files-api is not available in this build yet; use VOLUME_SOURCE=local")
            throw ExitStatus.configurationError
        }
    }
}
