import Foundation
import SyncCore

/// The statements the Delta store runs. Identifiers are validated by the configuration and
/// back-quoted here; values travel as parameters (rows as one JSON string expanded with
/// `from_json` and `inline`), never in the SQL text, except the tags of `ALTER VOLUME … SET TAGS`,
/// which Databricks takes only as literals (``stringLiteral(_:)``).
enum DeltaSQL {
    /// A back-quoted identifier; an embedded backtick is doubled.
    static func quoted(_ identifier: String) -> String { DatabricksSQLDialect().quoted(identifier) }

    /// `` `catalog`.`schema`.`table` ``.
    static func qualified(_ catalog: String, _ schema: String, _ table: String) -> String {
        [catalog, schema, table].map(quoted).joined(separator: ".")
    }

    /// A STRING literal: `\` and `'` escaped with a backslash, as Databricks SQL reads them
    /// (https://docs.databricks.com/en/sql/language-manual/data-types/string-type.html); control
    /// characters become spaces.
    static func stringLiteral(_ text: String) -> String {
        var literal = "'"
        for character in text {
            switch character {
            case "\\", "'": literal += "\\" + String(character)
            case _ where character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }):
                literal += " "
            default: literal.append(character)
            }
        }
        return literal + "'"
    }

    /// Sets `tags` on a volume (`volume` is qualified and quoted); needs `APPLY TAG` on it
    /// (https://docs.databricks.com/en/sql/language-manual/sql-ref-syntax-ddl-alter-volume.html).
    static func setTags(onVolume volume: String, _ tags: VolumeTags) -> String {
        "ALTER VOLUME \(volume) SET TAGS ("
            + tags.tags.map { "\(stringLiteral($0.key)) = \(stringLiteral($0.value))" }.joined(separator: ", ") + ")"
    }

    static func createTable(_ table: String, columns: [MetadataSchema.Column]) -> String {
        let definitions = columns.map { "\(quoted($0.name)) \($0.deltaType)" }.joined(separator: ", ")
        return "CREATE TABLE IF NOT EXISTS \(table) (\(definitions)) USING DELTA"
    }

    static func dropTable(_ table: String) -> String { "DROP TABLE IF EXISTS \(table)" }

    static func describe(_ table: String) -> String { "DESCRIBE TABLE \(table)" }

    static func addColumns(_ table: String, columns: [MetadataSchema.Column]) -> String {
        "ALTER TABLE \(table) ADD COLUMNS ("
            + columns.map { "\(quoted($0.name)) \($0.deltaType)" }.joined(separator: ", ") + ")"
    }

    /// `from_json`'s schema for rows with these columns: `ARRAY<STRUCT<a: STRING, …>>`.
    static func rowsSchema(_ columns: [MetadataSchema.Column]) -> String {
        "ARRAY<STRUCT<" + columns.map { "\(quoted($0.name)): \($0.deltaType)" }.joined(separator: ", ") + ">>"
    }

    /// The source of every MERGE: the rows in the `:rows` JSON parameter, strictly parsed.
    static func rowsSource(_ columns: [MetadataSchema.Column]) -> String {
        "(SELECT * FROM inline(from_json(:rows, '\(rowsSchema(columns))', map('mode', 'FAILFAST'))) AS r) AS s"
    }

    /// What narrows a MERGE into the metadata table to the data files that may hold its rows:
    /// their `path_key`s lie between `:key_low` and `:key_high`, the least and greatest of the
    /// batch's (a row's key is its path's, so no matching row is left out), and Delta skips every
    /// file whose statistics of `path_key` fall outside (``MetadataSchema/pathKey(of:)``).
    static let keyRange = " AND t.`path_key` >= :key_low AND t.`path_key` <= :key_high"

    /// Inserts or updates the `:rows` by the columns' key, each column merged by its rule
    /// (``MetadataSchema/mergedValue(of:stored:new:quote:)``); into the metadata table, only
    /// within ``keyRange``.
    static func upsert(into table: String, columns: [MetadataSchema.Column], keyRanged: Bool = false) -> String {
        let key = quoted(columns.first { $0.merge == .key }!.name)
        let names = columns.map { quoted($0.name) }
        let updates = columns.filter { $0.merge != .key }.map {
            "\(quoted($0.name)) = " + MetadataSchema.mergedValue(of: $0, stored: "t", new: "s", quote: quoted)
        }
        return """
            MERGE INTO \(table) AS t USING \(rowsSource(columns)) ON t.\(key) = s.\(key)\(keyRanged ? keyRange : "") \
            WHEN MATCHED THEN UPDATE SET \(updates.joined(separator: ", ")) \
            WHEN NOT MATCHED THEN INSERT (\(names.joined(separator: ", "))) \
            VALUES (\(names.map { "s.\($0)" }.joined(separator: ", ")))
            """
    }

    /// Appends the `:rows`.
    static func insert(into table: String, columns: [MetadataSchema.Column]) -> String {
        "INSERT INTO \(table) (\(columns.map { quoted($0.name) }.joined(separator: ", "))) "
            + "SELECT \(columns.map { "s." + quoted($0.name) }.joined(separator: ", ")) FROM \(rowsSource(columns))"
    }

    /// Moves the modification time of the `:rows` paths whose bytes did not change.
    static func sameContent(in table: String) -> String {
        """
        MERGE INTO \(table) AS t USING \(rowsSource(SameContent.columns)) ON t.`file_path` = s.`file_path`\(keyRange) \
        WHEN MATCHED THEN UPDATE SET `modification_time` = s.`modification_time`, `run_id` = s.`run_id`, \
        `deleted_at` = NULL
        """
    }

    /// The columns of a tombstone row.
    static let tombstoneColumns = MetadataSchema.columns.filter {
        ["file_path", "deleted_at", "run_id", "status_reason"].contains($0.name)
    }

    /// Sets `deleted_at` and `run_id` (and `status_reason`, when the row has one) on the `:rows`
    /// paths not already tombstoned.
    static func tombstone(in table: String) -> String {
        """
        MERGE INTO \(table) AS t USING \(rowsSource(tombstoneColumns)) ON t.`file_path` = s.`file_path`\(keyRange) \
        WHEN MATCHED AND t.`deleted_at` IS NULL THEN UPDATE SET `deleted_at` = s.`deleted_at`, `run_id` = s.`run_id`, \
        `status_reason` = coalesce(s.`status_reason`, t.`status_reason`)
        """
    }

    /// The rows under `range`'s prefix, as a key range (`:prefix` <= `file_path` < `:upper`) and a
    /// filter; when the prefix reaches into a volume, also the same range of `path_key`, the one
    /// Delta can skip data files by.
    static func scoped(_ range: PathRange) -> (predicate: String, parameters: [SQLParameter]) {
        var predicate = "t.`file_path` >= :prefix AND t.`file_path` < :upper AND startswith(t.`file_path`, :prefix)"
        var parameters = [SQLParameter("prefix", range.prefix), SQLParameter("upper", range.upperBound)]
        let key = MetadataSchema.pathKey(of: range.prefix)
        if !key.isEmpty {
            let keys = PathRange(prefix: key)
            predicate += " AND t.`path_key` >= :key_prefix AND t.`path_key` < :key_upper"
            parameters += [SQLParameter("key_prefix", keys.prefix), SQLParameter("key_upper", keys.upperBound)]
        }
        return (predicate, parameters)
    }

    /// These columns of the rows under `range`, in the byte order of `file_path`; the first
    /// `limit` of them when given (a number the program chose, not a value from data). One
    /// statement, streamed: each data file that may hold such rows is scanned once.
    static func rows(_ columns: [String], from table: String, under range: PathRange, limit: Int? = nil)
        -> (statement: String, parameters: [SQLParameter])
    {
        let (predicate, parameters) = scoped(range)
        let statement =
            "SELECT \(columns.map { "t." + quoted($0) }.joined(separator: ", ")) FROM \(table) AS t WHERE \(predicate) "
            + "ORDER BY t.`file_path`" + (limit.map { " LIMIT \(max(0, $0))" } ?? "")
        return (statement, parameters)
    }

    /// Gives `path_key` to the rows written before it existed (or by an older dxrsync): every
    /// statement that narrows by it needs it on every row. Rows that have one are skipped by their
    /// files' null counts, so once done this reads nothing.
    static func fillPathKeys(in table: String) -> String {
        """
        MERGE INTO \(table) AS t USING (SELECT k.`file_path`, \(MetadataSchema.pathKeySQL("k.`file_path`")) AS `path_key` \
        FROM \(table) AS k WHERE k.`path_key` IS NULL) AS s ON t.`file_path` = s.`file_path` AND t.`path_key` IS NULL \
        WHEN MATCHED THEN UPDATE SET `path_key` = s.`path_key`
        """
    }

    /// The latest `limit` runs (`limit` is a number the program chose, not a value from data).
    static func recentRuns(from ledger: String, limit: Int) -> String {
        "SELECT \(MetadataSchema.ledgerColumns.map { quoted($0.name) }.joined(separator: ", ")) FROM \(ledger) "
            + "ORDER BY `started_at` DESC LIMIT \(max(0, limit))"
    }
}
