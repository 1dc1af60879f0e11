import SyncCore
import Testing

@Suite struct DotEnvFileTests {
    @Test func parsesCommentsQuotesAndExport() {
        let text = """
            # comment
            VOLUME_NAME=docs
            export DXR_BASE_URL="https://dxr.example.com"
            DXR_API_PREFIX=''
            DXR_DEBUG=true # trailing comment
            not an assignment
              SPACED = value with spaces
            """
        #expect(
            DotEnvFile.parse(text) == [
                "VOLUME_NAME": "docs", "DXR_BASE_URL": "https://dxr.example.com", "DXR_API_PREFIX": "",
                "DXR_DEBUG": "true", "SPACED": "value with spaces",
            ])
    }

    @Test func missingFileYieldsNothing() {
        #expect(DotEnvFile.load(path: "/no/such/.env").isEmpty)
    }
}
