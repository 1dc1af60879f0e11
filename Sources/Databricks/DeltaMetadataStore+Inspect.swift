import SyncCore

extension DeltaMetadataStore {
    /// What a run would find, read without writing anything (`doctor`): the table exists with
    /// columns dxrsync can write (missing ones are added by a run), or it does not and its schema
    /// does, so a run creates it. Throws the statement's failure, or ``DeltaSchemaMismatch``.
    package func inspect() async throws -> String {
        do {
            let missing = try DeltaSchemaCheck.missingColumns(
                table: table, existing: try await describedColumns(of: table), expected: MetadataSchema.columns)
            return missing.isEmpty
                ? "\(table) has the columns dxrsync writes"
                : "\(table) exists; a run adds \(missing.count) columns (\(missing.map(\.name).joined(separator: ", ")))"
        } catch let failure as StatementFailure
            where failure.sqlState == "42P01" || failure.message.contains("TABLE_OR_VIEW_NOT_FOUND")
        {
            let schema = [configuration.catalog, configuration.schema].map(DeltaSQL.quoted).joined(separator: ".")
            _ = try await executor.execute("DESCRIBE SCHEMA \(schema)")
            return "\(table) does not exist yet; a run creates it in \(schema)"
        }
    }
}
