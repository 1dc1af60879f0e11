import Foundation
import SyncCore
import Testing

@testable import Databricks

/// The Delta store's statement text, schema check and batching, without a warehouse.
@Suite struct DeltaSQLTests {
    @Test func identifiersAreBackQuotedAndValuesNeverAppearInTheText() {
        #expect(DeltaSQL.qualified("main", "gov", "docs_metadata") == "`main`.`gov`.`docs_metadata`")
        #expect(DeltaSQL.quoted("we`ird") == "`we``ird`")
        let merge = DeltaSQL.upsert(into: "`c`.`s`.`t`", columns: MetadataSchema.columns)
        #expect(
            merge.hasPrefix("MERGE INTO `c`.`s`.`t` AS t USING (SELECT * FROM inline(from_json(:rows, 'ARRAY<STRUCT<"))
        #expect(merge.contains("ON t.`file_path` = s.`file_path`"))
        #expect(merge.contains("`first_seen_at` = coalesce(t.`first_seen_at`, s.`first_seen_at`)"))
        #expect(merge.contains("`attempts` = coalesce(t.`attempts`, 0) + coalesce(s.`attempts`, 0)"))
        #expect(merge.contains("`labels` = CASE WHEN s.`status` = 'CLASSIFIED' THEN s.`labels` ELSE t.`labels` END"))
        #expect(merge.contains("`labels`: ARRAY<STRING>"))
        #expect(!merge.contains("UPDATE SET `file_path`"))
        #expect(merge.contains("map('mode', 'FAILFAST')"))
        let rows = DeltaSQL.rows(["file_path"], from: "`c`.`s`.`t`", under: PathRange(prefix: "/Volumes/c/s/v/raw/"))
        #expect(
            rows.statement
                == "SELECT t.`file_path` FROM `c`.`s`.`t` AS t WHERE t.`file_path` >= :prefix AND t.`file_path` < :upper "
                + "AND startswith(t.`file_path`, :prefix) AND t.`path_key` >= :key_prefix AND t.`path_key` < :key_upper "
                + "ORDER BY t.`file_path`")
        #expect(rows.parameters.map(\.name) == ["prefix", "upper", "key_prefix", "key_upper"])
        // Above the volumes there is no key to narrow by.
        #expect(
            !DeltaSQL.rows(["file_path"], from: "`t`", under: PathRange(prefix: "/Volumes/c/")).statement.contains(
                "path_key"))
        #expect(
            DeltaSQL.rows(["file_path"], from: "`t`", under: PathRange(prefix: "/Volumes/c/s/v/"), limit: 10).statement
                .hasSuffix("ORDER BY t.`file_path` LIMIT 10"))
        #expect(MetadataSchema.pathKey(of: "/Volumes/main/hr/docs/raw/a.txt") == "docs/raw/a.txt")
        #expect(MetadataSchema.pathKey(of: "/mnt/elsewhere/a.txt").isEmpty)
        #expect(DeltaSQL.recentRuns(from: "`l`", limit: -3).hasSuffix("LIMIT 0"))
    }

    @Test func volumeTagsAreEscapedLiteralsCutToUnityCatalogsLimit() {
        #expect(DeltaSQL.stringLiteral(#"it's a \ path"#) == #"'it\'s a \\ path'"#)
        #expect(DeltaSQL.stringLiteral("two\nlines") == "'two lines'")
        let statement = DeltaSQL.setTags(
            onVolume: "`c`.`s`.`v`", VolumeTags([.init("dxr_labels", "PII,Owner's"), .init("dxr_files", "3")]))
        #expect(statement == #"ALTER VOLUME `c`.`s`.`v` SET TAGS ('dxr_labels' = 'PII,Owner\'s', 'dxr_files' = '3')"#)
        let many = (1...400).map { "Label\($0)" }
        let value = VolumeTags.list(many)
        #expect(value.count <= VolumeTags.maxValueLength)
        #expect(value.hasPrefix("Label1,Label2,"))
        let kept = value.split(separator: ",").filter { $0.hasPrefix("Label") }.count
        #expect(value.hasSuffix(",… \(400 - kept) more"))
        #expect(VolumeTags.list(["A", "B"]) == "A,B")
    }

    @Test func theCreatedTableHasThePlaybookColumnsFirst() {
        let create = DeltaSQL.createTable("`c`.`s`.`t`", columns: MetadataSchema.columns)
        #expect(create.hasPrefix("CREATE TABLE IF NOT EXISTS `c`.`s`.`t` (`file_path` STRING, `relative_path` STRING,"))
        #expect(create.contains("`collected_at` TIMESTAMP, `status` STRING"))
        #expect(create.hasSuffix(") USING DELTA"))
    }

    @Test func existingColumnsAreComparedByNormalisedType() throws {
        let existing: [(name: String, type: String)] = [
            ("file_path", "string"), ("labels", "array<string>"), ("file_size", "bigint"), ("attempts", "int"),
        ]
        let missing = try DeltaSchemaCheck.missingColumns(
            table: "t", existing: existing, expected: MetadataSchema.columns)
        #expect(missing.count == MetadataSchema.columns.count - 4)
        #expect(!missing.contains { $0.name == "labels" })
        #expect(DeltaSchemaCheck.normalized("ARRAY< STRING >") == DeltaSchemaCheck.normalized("array<string>"))
        #expect(DeltaSchemaCheck.normalized("INTEGER") == "INT")
        #expect(throws: DeltaSchemaMismatch.self) {
            try DeltaSchemaCheck.missingColumns(
                table: "t", existing: [("modification_time", "timestamp")], expected: MetadataSchema.columns)
        }
    }

    @Test func batchesRespectTheRowAndByteLimits() throws {
        struct Row: Encodable { let text: String }
        let rows = (0..<25).map { Row(text: String(repeating: "x", count: $0 == 7 ? 500 : 10)) }
        let byRows = try DeltaBatches.split(rows, maxRows: 10, maxBytes: 1_000_000)
        #expect(byRows.count == 3)
        let decoded = try byRows.flatMap {
            try JSONDecoder().decode([[String: String]].self, from: Data($0.json.utf8))
        }
        #expect(decoded.count == 25)
        #expect(byRows.map(\.rows) == [0..<10, 10..<20, 20..<25])
        let byBytes = try DeltaBatches.split(rows, maxRows: 100, maxBytes: 200)
        #expect(byBytes.allSatisfy { $0.json.utf8.count <= 200 || !$0.json.contains("},{") })
        #expect(
            try byBytes.flatMap { try JSONDecoder().decode([[String: String]].self, from: Data($0.json.utf8)) }.count
                == 25)
        #expect(byBytes.map(\.rows.count).reduce(0, +) == 25 && byBytes.last?.rows.upperBound == 25)
        #expect(try DeltaBatches.split([Row](), maxRows: 10, maxBytes: 100).isEmpty)
    }

    @Test func aFailureNamesTheStatementAndRecognisesConflicts() {
        let conflict = StatementFailure(
            statement: "MERGE INTO `c`.`s`.`t` AS t", state: "FAILED", sqlState: "2D521", errorCode: "ABORTED",
            message: "[DELTA_CONCURRENT_APPEND] Files were added")
        #expect(conflict.isConcurrentWriteConflict)
        #expect(conflict.description.contains("SQLSTATE 2D521"))
        #expect(conflict.description.contains("MERGE INTO"))
        let syntax = StatementFailure(
            statement: "SELEC", state: "FAILED", sqlState: "42601", errorCode: "BAD_REQUEST",
            message: "[PARSE_SYNTAX_ERROR]")
        #expect(!syntax.isConcurrentWriteConflict)
        #expect(SQLWarehouse.summary(of: "SELECT  a,\n b FROM t WHERE x = :y AND z") == "SELECT a, b FROM t WHERE")
    }
}
