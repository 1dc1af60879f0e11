import SyncCore
import Testing

/// Flags > job parameters > environment > `.env`.
@Suite struct ConfigurationPrecedenceTests {
    @Test func higherLayersWin() {
        let sources = ConfigurationSources(
            flags: ["A": "flag"],
            jobParameters: ["A": "job", "B": "job"],
            environment: ["A": "env", "B": "env", "C": "env"],
            dotEnv: ["A": "dotenv", "B": "dotenv", "C": "dotenv", "D": "dotenv"])
        #expect(sources.value("A") == "flag")
        #expect(sources.value("B") == "job")
        #expect(sources.value("C") == "env")
        #expect(sources.value("D") == "dotenv")
        #expect(sources.value("E") == nil)
    }

    @Test func jobParameterSuppliesAMissingVolumeName() throws {
        let sources = ConfigurationSources(
            jobParameters: try JobParameters.parse(["VOLUME_NAME=x"]),
            environment: ["VOLUME_CATALOG": "main", "VOLUME_SCHEMA": "hr"])
        #expect(try ConfigurationLoader.loadPlan(from: sources).volume.scope.volume == "x")
    }

    @Test func dotEnvNeverOverridesTheEnvironment() throws {
        let dotEnv = DotEnvFile.parse("VOLUME_NAME=from_file\nVOLUME_CATALOG=main\nVOLUME_SCHEMA=hr\n")
        let sources = ConfigurationSources(environment: ["VOLUME_NAME": "from_env"], dotEnv: dotEnv)
        let config = try ConfigurationLoader.loadPlan(from: sources)
        #expect(config.volume.scope.volume == "from_env")
        #expect(config.volume.scope.catalog == "main")
    }
}
