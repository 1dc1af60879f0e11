/// The version `dxrsync --version` prints.
package enum DXRSyncVersion {
    package static let current = "0.1.0"
}
