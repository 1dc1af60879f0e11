"""The shape of an AI/BI (Lakeview) dashboard file, `.lvdash.json`, as a 2026 workspace reads it.

Datasets have `name`, `displayName` and `queryLines`. Each page is a canvas on the 12-column grid
Lakeview moved to in February 2026: it carries `"pageType": "PAGE_TYPE_CANVAS"` and
`"layoutVersion": "GRID_V1"`, and its widgets are placed on 12 columns and span all of them. A
pre-2026 file on 6 columns still fits, but renders its tiles at half width, so a page whose widest
row ends short of column 12 is refused. Without `layoutVersion` the page renders but editing it in
the canvas breaks. Global-filter pages (`PAGE_TYPE_GLOBAL_FILTERS`) hold filter widgets, which this
check does not model, so it refuses them.

Each widget's queries name a dataset and its fields. Its spec's `widgetType` comes with the version
Databricks requires for it: bar and line 3, counter 2, table 2 (a wrong version shows "Invalid
widget definition"). Its encodings name only fields its query selects. A table's columns are
exactly `{fieldName, displayName}`, the minimum the skill documents; any other column option needs a
source before it is allowed here.

Sources:
- Databricks' own agent skill (2026-08), https://github.com/databricks/databricks-agent-skills
  `plugins/databricks/claude/skills/databricks-aibi-dashboards/SKILL.md` ("JSON Structure",
  "4) LAYOUT (12-Column Grid, NO GAPS)": every page needs `layoutVersion: GRID_V1` with `pageType`)
  and `references/5-troubleshooting.md` (widget versions; "Tables: `version: 2`").
- https://github.com/databricks-solutions/ai-dev-kit/pull/498 ("Feat/dashboards 12col grid",
  2026-04-27), checked in a workspace: 6-column JSON "produces tiles at half their intended width";
  without `layoutVersion` "interactive editing in the canvas breaks".
"""

GRID_COLUMNS = 12
PAGE_KEYS = {"pageType": "PAGE_TYPE_CANVAS", "layoutVersion": "GRID_V1"}
SPEC_VERSIONS = {"bar": 3, "line": 3, "counter": 2, "table": 2}
TABLE_COLUMN_KEYS = ["displayName", "fieldName"]


def _unknown(where, value, allowed):
    extra = sorted(set(value) - set(allowed))
    return [f"{where}: unknown keys {extra}"] if extra else []


def problems(dashboard):
    found = _unknown("dashboard", dashboard, ["datasets", "pages"])
    datasets = {}
    for dataset in dashboard.get("datasets", []):
        found += _unknown(f"dataset {dataset.get('name')}", dataset, ["name", "displayName", "queryLines"])
        lines = dataset.get("queryLines")
        if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines) or not lines:
            found.append(f"dataset {dataset.get('name')}: queryLines must be a list of strings")
        if dataset.get("name") in datasets:
            found.append(f"dataset {dataset.get('name')} is declared twice")
        datasets[dataset.get("name")] = dataset
    widgets = set()
    for page in dashboard.get("pages", []):
        found += _unknown(f"page {page.get('name')}", page, ["name", "displayName", "layout", *PAGE_KEYS])
        for key, value in PAGE_KEYS.items():
            if page.get(key) != value:
                found.append(f"page {page.get('name')}: {key} must be {value}, not {page.get(key)}")
        right_edge = 0
        for item in page.get("layout", []):
            found += _unknown("layout item", item, ["widget", "position"])
            widget, position = item.get("widget", {}), item.get("position", {})
            name = widget.get("name")
            where = f"widget {name}"
            if name in widgets:
                found.append(f"{where} is declared twice")
            widgets.add(name)
            found += _unknown(where, widget, ["name", "queries", "spec"])
            if sorted(position) != ["height", "width", "x", "y"] or not all(
                    isinstance(position[key], int) for key in position):
                found.append(f"{where}: position needs whole x, y, width and height")
            elif position["x"] < 0 or position["width"] < 1 or position["x"] + position["width"] > GRID_COLUMNS:
                found.append(f"{where}: does not fit the {GRID_COLUMNS}-column grid")
            else:
                right_edge = max(right_edge, position["x"] + position["width"])
            fields = set()
            for query in widget.get("queries", []):
                body = query.get("query", {})
                found += _unknown(f"{where} query", body, ["datasetName", "fields", "disaggregated", "orders"])
                if body.get("datasetName") not in datasets:
                    found.append(f"{where}: no dataset {body.get('datasetName')}")
                fields |= {field.get("name") for field in body.get("fields", [])}
            spec = widget.get("spec", {})
            kind = spec.get("widgetType")
            if SPEC_VERSIONS.get(kind) != spec.get("version"):
                found.append(f"{where}: {kind} widgets are version {SPEC_VERSIONS.get(kind)}, not {spec.get('version')}")
            found += _unknown(f"{where} spec", spec, ["version", "widgetType", "encodings", "frame"])
            encodings = spec.get("encodings", {})
            used = [encoding.get("fieldName") for encoding in encodings.values() if isinstance(encoding, dict)]
            for column in encodings.get("columns", []):
                if kind == "table" and sorted(column) != TABLE_COLUMN_KEYS:
                    found.append(f"{where}: column {column.get('fieldName')} has keys {sorted(column)}, "
                                 "not exactly fieldName and displayName")
                used.append(column.get("fieldName"))
            for field in used:
                if field not in fields:
                    found.append(f"{where}: encodes {field}, which its query does not select")
        if page.get("layout") and right_edge != GRID_COLUMNS:
            found.append(f"page {page.get('name')}: its widest row ends at column {right_edge}, not "
                         f"{GRID_COLUMNS}; tiles laid out for a narrower grid render too small")
    return found
