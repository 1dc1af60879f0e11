/// The parts of a Statement Execution API answer dxrsync reads (`StatementResponse` in the API).
struct StatementResponse: Decodable {
    struct Status: Decodable {
        struct ServiceError: Decodable {
            var errorCode: String?
            var message: String?

            enum CodingKeys: String, CodingKey {
                case errorCode = "error_code"
                case message
            }
        }

        var state: String?
        var sqlState: String?
        var error: ServiceError?

        enum CodingKeys: String, CodingKey {
            case state
            case sqlState = "sql_state"
            case error
        }
    }

    struct Manifest: Decodable {
        struct Schema: Decodable {
            struct Column: Decodable { var name: String }
            var columns: [Column]?
        }
        var schema: Schema?
    }

    var statementID: String?
    var status: Status?
    var manifest: Manifest?
    var result: ResultChunk?

    enum CodingKeys: String, CodingKey {
        case statementID = "statement_id"
        case status, manifest, result
    }
}

/// One chunk of rows: every cell text or `null`.
struct ResultChunk: Decodable {
    var dataArray: [[String?]]?
    var nextChunkInternalLink: String?

    enum CodingKeys: String, CodingKey {
        case dataArray = "data_array"
        case nextChunkInternalLink = "next_chunk_internal_link"
    }
}
