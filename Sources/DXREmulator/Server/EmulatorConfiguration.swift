/// How an emulator instance behaves.
package struct EmulatorConfiguration: Sendable, Hashable {
    /// The bearer token every request must carry.
    package var token: String
    /// The On-Demand Classifier datasources that exist.
    package var datasourceIDs: [String]
    /// The API path prefix, `/api` like DXR.
    package var apiPrefix: String
    package var faults: EmulatorFaults

    package init(
        token: String, datasourceIDs: [String] = ["1"], apiPrefix: String = "/api",
        faults: EmulatorFaults = EmulatorFaults()
    ) {
        self.token = token
        self.datasourceIDs = datasourceIDs
        self.apiPrefix = apiPrefix
        self.faults = faults
    }
}
