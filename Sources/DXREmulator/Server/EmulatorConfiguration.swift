/// How an emulator instance behaves.
public struct EmulatorConfiguration: Sendable, Hashable {
    /// The bearer token every request must carry.
    public var token: String
    /// The On-Demand Classifier datasources that exist.
    public var datasourceIDs: [String]
    /// The API path prefix, `/api` like DXR.
    public var apiPrefix: String
    public var faults: EmulatorFaults

    public init(
        token: String, datasourceIDs: [String] = ["1"], apiPrefix: String = "/api",
        faults: EmulatorFaults = EmulatorFaults()
    ) {
        self.token = token
        self.datasourceIDs = datasourceIDs
        self.apiPrefix = apiPrefix
        self.faults = faults
    }
}
