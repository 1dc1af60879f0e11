"""The shape of an AI/BI (Lakeview) dashboard file, `.lvdash.json`, as Databricks exports it and
as the generated model of databricks-labs-lsql (`databricks.labs.lsql.lakeview.model`) reads it:
datasets with `name`, `displayName` and `queryLines`; pages with a `layout` of widgets placed on a
6-column grid; each widget's queries name a dataset and its fields, and its spec's `widgetType`
comes with the version Databricks writes for it (bar and line 3, counter 2, table 1), its
encodings naming only fields its query selects.
"""

GRID_COLUMNS = 6
SPEC_VERSIONS = {"bar": 3, "line": 3, "counter": 2, "table": 1}


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
        found += _unknown(f"page {page.get('name')}", page, ["name", "displayName", "layout"])
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
            used += [column.get("fieldName") for column in encodings.get("columns", [])]
            for field in used:
                if field not in fields:
                    found.append(f"{where}: encodes {field}, which its query does not select")
    return found
