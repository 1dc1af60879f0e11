import Foundation
import Hummingbird
import SyncCore

/// The DXR endpoints the emulator serves, under the configured prefix.
struct EmulatorRoutes {
    let store: EmulatorStore

    func register(on router: Router<BasicRequestContext>) {
        let prefix = store.configuration.apiPrefix
        router.add(middleware: EmulatorMiddleware(store: store))
        router.post("\(prefix)/on-demand-classifiers/:datasource/jobs") { request, context in
            try await submit(request, datasource: context.parameters.require("datasource"))
        }
        router.get("\(prefix)/on-demand-classifiers/:datasource/jobs/:job") { _, context in
            let datasource = try context.parameters.require("datasource")
            let job = try context.parameters.require("job")
            guard let status = await store.status(datasourceID: datasource, jobID: job) else {
                return EmulatorResponses.error(.notFound, "Job \(job) not found in datasource \(datasource)")
            }
            if await store.injected500() {
                return EmulatorResponses.error(.internalServerError, "Internal Server Error")
            }
            if await store.malformedStatus(jobID: job) {
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"id": "\#(job)", "state": {"val"#)))
            }
            return EmulatorResponses.json(.ok, status)
        }
        router.post("\(prefix)/indexed-files/search") { request, _ in
            if await store.injected500() {
                return EmulatorResponses.error(.internalServerError, "Internal Server Error")
            }
            return try await search(request)
        }
        // A datasource as `GET /api/datasources/{id}` (with `api-version: V3`) answers it: Ohalo's
        // Collibra workflows read its `name` live (`shared/dxr_search.groovy`); the list items of
        // dxrpy's `datasource/manager.py` name the connector type. The On-Demand Classifier's
        // connector type is 21 (odc-sync-wrapper's README creates ODC datasources with it).
        router.get("\(prefix)/datasources/:id") { _, context in
            let id = try context.parameters.require("id")
            guard store.configuration.datasourceIDs.contains(id) else {
                return EmulatorResponses.error(.notFound, "Datasource \(id) not found")
            }
            return EmulatorResponses.json(
                .ok,
                [
                    "id": .number(Double(id) ?? 0), "name": .string("ODC \(id)"), "status": .string("ENABLED"),
                    "datasourceConnectorTypeId": .number(21),
                    "datasourceConnectorTypeName": .string("On-Demand Classifier"),
                ])
        }
        router.get("\(prefix)/tags/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let label = await store.currentRules().rules.first(where: { String($0.id) == id }) else {
                return EmulatorResponses.error(.notFound, "Tag not found")
            }
            return EmulatorResponses.json(
                .ok,
                [
                    "id": .number(Double(label.id)), "name": .string(label.name),
                    "description": .string(label.description),
                    "hexColor": .string("3366CC"), "type": .string("SMART"),
                ])
        }
        registerCatalogue(on: router)
        router.get("\(prefix)/data-classes/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let detector = Detector.all.first(where: { String($0.id) == id }) else {
                return EmulatorResponses.error(.notFound, "Data class not found")
            }
            return EmulatorResponses.json(
                .ok, ["id": .number(Double(detector.id)), "name": .string(detector.name), "type": .string("REGEX")])
        }
    }

    /// The label and detector catalogue, as DXR's public API (`GET /api/v1/classifications`) or,
    /// on an older DXR, as a paged tag list and the six data-class lists; what a DXR without
    /// either answers is 404.
    func registerCatalogue(on router: Router<BasicRequestContext>) {
        let prefix = store.configuration.apiPrefix
        let catalogue = store.configuration.catalogue
        let datasourceIDs = store.configuration.datasourceIDs
        router.get("\(prefix)/v1/classifications") { _, _ in
            guard catalogue == .current else { return EmulatorResponses.error(.notFound, "Not found") }
            let items = EmulatorCatalogue.classifications(await store.currentRules())
            return EmulatorResponses.json(.ok, ["status": .string("ok"), "data": .array(items)])
        }
        router.get("\(prefix)/tags") { request, _ in
            guard catalogue == .legacy else { return EmulatorResponses.error(.notFound, "Not found") }
            let query = request.uri.queryParameters
            return EmulatorResponses.json(
                .ok,
                EmulatorCatalogue.tagPage(
                    await store.currentRules(), datasourceIDs: datasourceIDs, page: query.get("page", as: Int.self),
                    size: query.get("size", as: Int.self)))
        }
        router.get("\(prefix)/data-classes") { _, _ in
            guard catalogue == .legacy else { return EmulatorResponses.error(.notFound, "Not found") }
            return EmulatorResponses.json(.ok, EmulatorCatalogue.dataClasses())
        }
    }

    /// Parses the multipart body as it streams in; every part named `files` becomes a document.
    private func submit(_ request: Request, datasource: String) async throws -> Response {
        guard await store.hasDatasource(datasource) else {
            return EmulatorResponses.error(.notFound, "Datasource \(datasource) not found")
        }
        guard let contentType = request.headers[.contentType],
            contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = MultipartStreamParser.boundary(fromContentType: contentType)
        else {
            return EmulatorResponses.error(.badRequest, "Expected multipart/form-data with a boundary")
        }
        await store.uploadStarted()
        do {
            let response = try await receive(request, boundary: boundary, datasource: datasource)
            await store.uploadEnded()
            return response
        } catch {
            await store.uploadEnded()
            throw error
        }
    }

    private func receive(_ request: Request, boundary: String, datasource: String) async throws -> Response {
        var parser = MultipartStreamParser(boundary: boundary)
        var current: DocumentBuilder?
        var files: [(builder: DocumentBuilder, sha256: String, text: String?)] = []
        do {
            for try await chunk in request.body {
                for event in try parser.feed(chunk.readableBytesView) {
                    switch event {
                    case .begin(let name, let filename, let partType):
                        current =
                            name == "files"
                            ? DocumentBuilder(fileName: filename ?? "unnamed", contentType: partType) : nil
                    case .data(let bytes):
                        current?.append(bytes)
                    case .end:
                        if let builder = current {
                            let (sha256, text) = builder.finish()
                            files.append((builder, sha256, text))
                        }
                        current = nil
                    }
                }
            }
        } catch let error as MultipartStreamParser.Malformed {
            return EmulatorResponses.error(.badRequest, "Malformed multipart body: \(error)")
        }
        guard parser.isFinished else {
            return EmulatorResponses.error(.badRequest, "Multipart body ended before its closing boundary")
        }
        guard !files.isEmpty else {
            return EmulatorResponses.error(.badRequest, "At least one file must be supplied in parts named 'files'")
        }
        let job = await store.submit(datasourceID: datasource, files: files)
        return EmulatorResponses.json(
            .accepted,
            [
                "id": .string(job.id), "datasourceId": .number(Double(Int(datasource) ?? 0)), "datasourceScanId": .null,
                "state": .string("UPLOADING_FILES"), "timeToLive": .number(3600),
            ])
    }

    private func search(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1_048_576)
        guard let query = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)),
            query["mode"]?.text == "DXR_JSON_QUERY"
        else {
            return EmulatorResponses.error(.badRequest, "Expected a DXR_JSON_QUERY search")
        }
        guard case .array(let items)? = query["filter"]?["query_items"],
            let scanID = items.first(where: { $0["parameter"]?.text == "dxr#datasource_scan_id" })?["value"]?.integer
        else {
            return EmulatorResponses.error(.badRequest, "The emulator only supports a dxr#datasource_scan_id filter")
        }
        let requested = Int(query["pageSize"]?.integer ?? 20)
        let pageSize = max(1, min(requested, store.configuration.faults.maxPageSize ?? 10_000))
        let pageNumber = max(0, Int(query["pageNumber"]?.integer ?? 0))
        let excluded = query["excludedFields"]?.texts ?? []
        let (documents, labelsApplied) = await store.documents(
            scanID: scanID, refreshIndex: query["refreshIndex"] == .bool(true))
        let page = documents.dropFirst(pageNumber * pageSize).prefix(pageSize)
        let hits: [JSONValue] = page.map { document in
            .object([
                "_index": .string("dxr-files-\(document.datasourceID)"), "_id": .string(document.id),
                "_score": .number(1),
                "_source": .object(document.source(excluding: excluded, labelsApplied: labelsApplied)),
            ])
        }
        var hitsObject: [String: JSONValue] = [
            "total": store.configuration.faults.totalAsNumber
                ? .number(Double(documents.count))
                : .object(["value": .number(Double(documents.count)), "relation": .string("eq")]),
            "hits": .array(hits),
        ]
        if !hits.isEmpty { hitsObject["max_score"] = .number(1) }
        return EmulatorResponses.json(
            .ok,
            [
                "took": .number(3), "timed_out": .bool(false),
                "_shards": .object([
                    "total": .number(1), "successful": .number(1), "skipped": .number(0), "failed": .number(0),
                ]),
                "hits": .object(hitsObject), "max_result_window": .number(10_000),
            ])
    }
}
