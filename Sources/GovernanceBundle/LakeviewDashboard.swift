/// The parts of an AI/BI (Lakeview) dashboard file, `.lvdash.json`, that the governance dashboard
/// uses, as types that `JSONEncoder` writes (``GovernanceBundle/dashboardJSON()``). A member left
/// `nil` is left out of the file.
struct LakeviewDashboard: Encodable {
    var datasets: [Dataset]
    var pages: [Page]

    /// A named query. Lakeview keeps its text as lines, each ending with its line break.
    struct Dataset: Encodable {
        var name: String
        var displayName: String
        var queryLines: [String]
    }

    /// A page: a canvas of widgets on a 12-column grid.
    struct Page: Encodable {
        var name: String
        var displayName: String
        var pageType: String
        var layoutVersion: String
        var layout: [Placement]
    }

    /// A widget and the cells of the grid it covers.
    struct Placement: Encodable {
        var widget: Widget
        var position: Position
    }

    /// The top-left cell and the size, in grid cells.
    struct Position: Encodable {
        var x: Int
        var y: Int
        var width: Int
        var height: Int
    }

    /// A widget: its query (Lakeview allows several; the governance widgets have one, `main_query`)
    /// and what it draws.
    struct Widget: Encodable {
        var name: String
        var queries: [NamedQuery]
        var spec: Spec
    }

    /// A widget's query, named; its fields are aggregated unless the query is `disaggregated`.
    struct NamedQuery: Encodable {
        var name: String
        var query: Query
    }

    /// The dataset a widget reads, and how.
    struct Query: Encodable {
        var datasetName: String
        var fields: [Field]
        var disaggregated: Bool
    }

    /// A field of a widget's query: its name, and the SQL expression over the dataset's columns.
    struct Field: Encodable {
        var name: String
        var expression: String
    }

    /// What the widget draws (`widgetType`, in the spec `version` Lakeview wants for that type),
    /// from which fields, under which title.
    struct Spec: Encodable {
        var version: Int
        var widgetType: String
        var encodings: Encodings
        var frame: Frame
    }

    /// A counter's value, a chart's axes or a table's columns.
    struct Encodings: Encodable {
        var value: FieldEncoding?
        var x: FieldEncoding?
        var y: FieldEncoding?
        var columns: [FieldEncoding]?
    }

    /// A field the widget shows, its scale on an axis, and its label.
    struct FieldEncoding: Encodable {
        var fieldName: String
        var scale: Scale?
        var displayName: String
    }

    /// `categorical`, `temporal` or `quantitative`.
    struct Scale: Encodable {
        var type: String
    }

    /// The widget's title, shown.
    struct Frame: Encodable {
        var showTitle = true
        var title: String
    }
}
