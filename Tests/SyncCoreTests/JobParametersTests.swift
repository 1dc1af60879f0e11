import SyncCore
import Testing

@Suite struct JobParametersTests {
    @Test func keyValueAndFlagFormsAreNormalised() throws {
        let values = try JobParameters.parse([
            "VOLUME_NAME=docs", "volume_schema=hr", "--volume-catalog", "main", "--dxr-debug=true", "DXR_API_PREFIX=",
            "METADATA_TABLE=a=b",
        ])
        #expect(
            values == [
                "VOLUME_NAME": "docs", "VOLUME_SCHEMA": "hr", "VOLUME_CATALOG": "main", "DXR_DEBUG": "true",
                "DXR_API_PREFIX": "", "METADATA_TABLE": "a=b",
            ])
    }

    @Test func laterTokensWin() throws {
        #expect(try JobParameters.parse(["A=1", "--a", "2"]) == ["A": "2"])
    }

    @Test func valuesMayStartWithDashesOrHoldSpaces() throws {
        #expect(try JobParameters.parse(["--volume-prefix", "--odd name--"]) == ["VOLUME_PREFIX": "--odd name--"])
    }

    @Test(arguments: [
        (["stray"], "expected KEY=value or --key value"),
        (["--volume-name"], "expected a value after it"),
        (["=x"], "is not a variable name"),
        (["1ABC=x"], "is not a variable name"),
        (["--sp ace=x"], "is not a variable name"),
    ])
    func malformedTokensAreRejected(tokens: [String], reason: String) {
        #expect {
            try JobParameters.parse(tokens)
        } throws: { error in
            (error as? JobParameters.ParseError)?.reason.contains(reason) == true
        }
    }
}
