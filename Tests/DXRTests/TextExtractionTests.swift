import SyncCore
import Testing

@testable import DXR

/// Whether DXR read a file's text is judged by the status values that mean it did not: DXR's
/// words are not documented, and an unknown word must not mark every file "text not extracted".
@Suite struct TextExtractionTests {
    static let failures = [
        "FAILED", "FAILURE", "ERROR", "UNSUPPORTED", "UNSUPPORTED_FORMAT", "UNSUPPORTED_MIME_TYPE", "TEXT_UNAVAILABLE",
        "NO_TEXT", "EMPTY", "EMPTY_OUTPUT", "SKIPPED", "FILTERED", "TIMEOUT", "TIMED_OUT", "PASSWORD_PROTECTED",
        "ENCRYPTED", "CORRUPTED", "DOCUMENT_BINARY_UNAVAILABLE", "OOM", "UNSPECIFIED_CRASH",
        // Any word naming a failure, an error or an unsupported file, in any case or spelling.
        "EXTRACTION_FAILED", "OCR_ERROR", "MIME_TYPE_UNSUPPORTED", "failed", "Password protected", " timeout ",
    ]
    static let successes = [
        "SUCCESS", "PARSE_SUCCESS", "PARSE_SUCCESS_WITH_EXCEPTION", "TEXT_EXTRACTED", "EXTRACTED_WITH_OCR", "INDEXED",
        "PROCESSED", "COMPLETED", "ok", "",
    ]

    @Test(arguments: ["dxr#text_extraction_status", "dxr#document_status"])
    func knownFailureValuesMeanNoText(key: String) {
        for status in Self.failures {
            #expect(!HitMapping.textExtracted([key: .string(status)]), "\(key) = \(status)")
        }
    }

    @Test(arguments: ["dxr#text_extraction_status", "dxr#document_status"])
    func anyOtherValueMeansTheTextWasRead(key: String) {
        for status in Self.successes {
            #expect(HitMapping.textExtracted([key: .string(status)]), "\(key) = \(status)")
        }
    }

    @Test func absentStatusesMeanTheTextWasRead() {
        #expect(HitMapping.textExtracted([:]))
        #expect(HitMapping.textExtracted(["dxr#text_extraction_status": .null]))
    }

    /// One failing status is enough; the LLM extractor's status counts only when it says the
    /// text itself was unavailable.
    @Test func eitherStatusOrTheExtractorsCanSayNoText() {
        #expect(
            !HitMapping.textExtracted([
                "dxr#text_extraction_status": .string("PARSE_SUCCESS"), "dxr#document_status": .string("FAILED"),
            ]))
        #expect(!HitMapping.textExtracted(["dxr#metadata_extraction_status": .string("TEXT_UNAVAILABLE")]))
        #expect(HitMapping.textExtracted(["dxr#metadata_extraction_status": .string("SKIPPED")]))
    }

    /// The raw statuses stay in `raw_metadata`, so a word DXR uses can be looked up afterwards.
    @Test func rawMetadataKeepsTheStatuses() {
        let raw = HitMapping.rawMetadata(of: [
            "dxr#text_extraction_status": .string("PARSE_SUCCESS"), "dxr#document_status": .string("INDEXED"),
            "dxr#metadata_extraction_status": .string("SKIPPED"),
        ])
        #expect(
            raw
                == #"{"dxr#document_status":"INDEXED","dxr#metadata_extraction_status":"SKIPPED","dxr#text_extraction_status":"PARSE_SUCCESS"}"#
        )
    }
}
