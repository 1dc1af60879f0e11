import SyncCore
import Testing

/// Exclude patterns follow gitignore's pattern format (git-scm.com/docs/gitignore).
@Suite struct ExcludeRulesTests {
    func rules(_ patterns: [String], prefix: String? = nil) throws -> ExcludeRules {
        ExcludeRules(setting: try patterns.map { try GlobPattern($0) }, prefix: prefix)
    }

    func excluded(_ path: String, by rules: ExcludeRules) -> String? { rules.exclusion(ofFileAt: path)?.pattern.text }

    @Test(arguments: [
        ("**/_delta_log/**", "t/_delta_log/000.json", true),
        ("**/_delta_log/**", "_delta_log/000.json", true),
        ("**/_delta_log/**", "t/_delta_log", false),
        ("*.tmp", "a.tmp", true),
        ("*.tmp", "deep/down/b.tmp", true),
        ("*.tmp", "a.tmp.txt", false),
        ("/build", "build/x.o", true),
        ("/build", "src/build/x.o", false),
        ("build/", "src/build/x.o", true),
        ("build/", "src/build", false),
        ("a/**/b.txt", "a/b.txt", true),
        ("a/**/b.txt", "a/x/y/b.txt", true),
        ("a/**/b.txt", "c/a/b.txt", false),
        ("doc/*.md", "doc/x.md", true),
        ("doc/*.md", "doc/sub/x.md", false),
        ("file?.csv", "file1.csv", true),
        ("file?.csv", "file10.csv", false),
        ("[a-c]*.log", "b1.log", true),
        ("[!a-c]*.log", "b1.log", false),
        ("[!a-c]*.log", "z1.log", true),
        ("_SUCCESS", "out/part/_SUCCESS", true),
        ("\\#notes", "#notes", true),
        ("*", "anything/at/all", true),
        ("données/*.pdf", "données/é.pdf", true),
    ])
    func gitignorePatternsMatchAsGitDoes(pattern: String, path: String, excluded: Bool) throws {
        #expect((self.excluded(path, by: try rules([pattern])) != nil) == excluded)
    }

    @Test func laterPatternsWinAndAnExcludedFolderCannotBeReopened() throws {
        let rules = try rules(["*.log", "!keep.log", "logs/", "!logs/keep.log"])
        #expect(excluded("a.log", by: rules) == "*.log")
        #expect(excluded("keep.log", by: rules) == nil)
        #expect(excluded("logs/keep.log", by: rules) == "logs/")
    }

    @Test func settingPatternsAreRelativeToTheVolumeEvenUnderAPrefix() throws {
        let rules = try rules(["/raw/tmp/**"], prefix: "raw")
        #expect(excluded("tmp/x.txt", by: rules) == "/raw/tmp/**")
        #expect(excluded("x.txt", by: rules) == nil)
    }

    @Test func anIgnoreFileAppliesBelowItsFolderAndOverridesTheSetting() throws {
        var rules = try rules(["*.csv"])
        try rules.addIgnoreFile(
            in: "raw", text: "# scratch data\nscratch/\n!keep.csv\n\n*.bak   \n",
            origin: "/Volumes/c/s/v/raw/.dxrignore")
        #expect(excluded("raw/scratch/a.txt", by: rules) == "scratch/")
        #expect(excluded("raw/keep.csv", by: rules) == nil)
        #expect(excluded("raw/other.csv", by: rules) == "*.csv")
        #expect(excluded("keep.csv", by: rules) == "*.csv")
        #expect(excluded("scratch/a.txt", by: rules) == nil)
        #expect(excluded("raw/x.bak", by: rules) == "*.bak")
        #expect(
            rules.exclusion(ofFileAt: "raw/x.bak")?.reason == "excluded by '*.bak' (/Volumes/c/s/v/raw/.dxrignore:5)")
    }

    @Test func ignoreFilesThemselvesAreNeverClassified() throws {
        #expect(excluded("raw/.dxrignore", by: try rules([])) == ".dxrignore")
        #expect(excluded("raw/data.txt", by: try rules([])) == nil)
    }

    @Test(arguments: [
        ("[abc", "never closed"),
        ("a\\", "lone '\\'"),
        ("!", "matches nothing"),
        ("/", "matches nothing"),
        ("a//b", "empty folder"),
        ("../x", "'..'"),
        ("[z-a]", "backwards"),
        ("/Volumes/main/hr/docs/tmp/**", "relative to the volume"),
    ])
    func malformedPatternsSayWhatIsWrong(pattern: String, reason: String) {
        #expect {
            try GlobPattern(pattern)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("'\(pattern)'") && text.contains(reason)
        }
    }

    @Test func aMalformedIgnoreLineNamesTheFileAndLine() throws {
        var rules = try rules([])
        #expect {
            try rules.addIgnoreFile(in: "a", text: "ok.txt\n[broken\n", origin: "/Volumes/c/s/v/a/.dxrignore")
        } throws: { error in
            String(describing: error).hasPrefix(
                "/Volumes/c/s/v/a/.dxrignore line 2: the pattern '[broken' is malformed")
        }
    }
}
