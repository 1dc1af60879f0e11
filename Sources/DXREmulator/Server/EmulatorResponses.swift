import Foundation
import Hummingbird
import SyncCore

/// JSON answers.
enum EmulatorResponses {
    static func json(_ status: HTTPResponse.Status, _ object: [String: JSONValue]) -> Response {
        json(status, .object(object))
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        let data = (try? SortedJSON.data(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status, ["error": .string(message)])
    }
}
