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
        /// Set when an `EXTERNAL_LINKS` result passed its byte limit (100 GiB) and was cut short.
        var truncated: Bool?
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

/// One chunk of a result: its rows (`INLINE`: every cell text or `null`), or a link to them
/// (`EXTERNAL_LINKS`). Fields dxrsync does not read, a stand-in's included, are ignored.
struct ResultChunk: Decodable {
    var chunkIndex: Int?
    var dataArray: [[String?]]?
    var externalLinks: [ExternalLink]?
    var nextChunkInternalLink: String?

    enum CodingKeys: String, CodingKey {
        case chunkIndex = "chunk_index"
        case dataArray = "data_array"
        case externalLinks = "external_links"
        case nextChunkInternalLink = "next_chunk_internal_link"
    }
}

/// Where one chunk of an `EXTERNAL_LINKS` result can be downloaded: a short-lived presigned URL
/// (<= 15 minutes) and the headers it was signed with. Both hold a credential, so neither appears
/// in a message or a log.
struct ExternalLink: Decodable {
    var chunkIndex: Int?
    var externalLink: String
    var httpHeaders: [String: String]?
    var nextChunkInternalLink: String?

    enum CodingKeys: String, CodingKey {
        case chunkIndex = "chunk_index"
        case externalLink = "external_link"
        case httpHeaders = "http_headers"
        case nextChunkInternalLink = "next_chunk_internal_link"
    }
}
