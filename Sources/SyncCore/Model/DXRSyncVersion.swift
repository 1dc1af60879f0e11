/// The version `dxrsync --version` prints.
public enum DXRSyncVersion {
    public static let current = "0.1.0"
}
