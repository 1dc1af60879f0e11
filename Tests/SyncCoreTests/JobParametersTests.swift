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
        #expect(try JobParameters.parse(["VOLUME_NAME=1", "--volume-name", "2"]) == ["VOLUME_NAME": "2"])
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

    @Test func aMisspeltKeyIsAnErrorNamingTheClosestVariable() {
        #expect {
            try JobParameters.parse(["--volume-nmae", "docs"])
        } throws: { error in
            let text = "\(error)"
            return text.contains("VOLUME_NMAE") && text.contains("did you mean VOLUME_NAME (--volume-name)")
                && (error as? any RunFailure)?.kind == .configuration
        }
        #expect(throws: JobParameters.ParseError.self) { try JobParameters.parse(["volume_nam=docs"]) }
    }

    @Test func anUnknownOptionSuggestsTheCommandsOwnOptionAndNeverSwallowsAParameter() {
        let vocabulary = JobParameters.Vocabulary(options: ["--json", "--runs"])
        #expect {
            try JobParameters.parse(["--jsn", "VOLUME_BASE_PATH=examples/volume"], vocabulary: vocabulary)
        } throws: { error in
            "\(error)".contains("unknown option or job parameter JSN; did you mean '--json'?")
        }
        #expect {
            try JobParameters.parse(["--volume-name", "VOLUME_BASE_PATH=examples/volume"])
        } throws: { error in
            (error as? JobParameters.ParseError)?.reason
                == "expected a value after it, found the job parameter 'VOLUME_BASE_PATH=examples/volume'"
        }
    }

    @Test func withoutAVocabularyAnyWellFormedKeyIsTaken() throws {
        #expect(try JobParameters.parse(["A=1", "--b", "2"], vocabulary: nil) == ["A": "1", "B": "2"])
    }
}
