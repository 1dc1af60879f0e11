import Foundation
import SyncCore

extension MetadataConfiguration {
    /// `` `catalog`.`schema`.`name` `` in the table's catalog and schema, an embedded backtick
    /// doubled, as Databricks SQL reads an identifier. The governance SQL writes names in: a view's
    /// query, a dashboard file and an alert take no parameter markers.
    func sqlName(_ name: String) -> String {
        [catalog, schema, name].map(DatabricksSQLDialect().quoted).joined(separator: ".")
    }

    /// The unqualified name of the governance view `<table>_<suffix>`.
    func viewName(_ suffix: String) -> String { "\(table)_\(suffix)" }

    /// The governance view `<table>_<suffix>`, qualified.
    func viewSQLName(_ suffix: String) -> String { sqlName(viewName(suffix)) }
}
