/// How an emulator instance behaves.
package struct EmulatorConfiguration: Sendable, Hashable {
    /// The bearer token every request must carry.
    package var token: String
    /// The On-Demand Classifier datasources that exist.
    package var datasourceIDs: [String]
    /// The API path prefix, `/api` like DXR.
    package var apiPrefix: String
    package var faults: EmulatorFaults
    /// A JSON file of label rules (``LabelRuleSet``), read again whenever it changes.
    package var rulesFile: String?
    /// Which catalogue endpoints it serves.
    package var catalogue: CatalogueAPI

    /// How an emulated DXR lists its labels and detectors.
    package enum CatalogueAPI: String, Sendable, Hashable, CaseIterable {
        /// `GET /api/v1/classifications`, with `updatedAt` (current DXR).
        case current
        /// Only the older lists: `GET /api/tags` as a Spring Data page, `GET /api/data-classes` as
        /// six lists by kind of annotator.
        case legacy
        /// Neither.
        case none
    }

    package init(
        token: String, datasourceIDs: [String] = ["1"], apiPrefix: String = "/api",
        faults: EmulatorFaults = EmulatorFaults(), rulesFile: String? = nil, catalogue: CatalogueAPI = .current
    ) {
        self.token = token
        self.datasourceIDs = datasourceIDs
        self.apiPrefix = apiPrefix
        self.faults = faults
        self.rulesFile = rulesFile
        self.catalogue = catalogue
    }
}
