"""The Unity Catalog list APIs of the workspace stand-in, over the catalogs, schemas and volumes that
exist as folders under the Files API root (<root>/<catalog>/<schema>/<volume>).

  GET /api/2.1/unity-catalog/schemas?catalog_name=&max_results=&page_token=&include_browse=
  GET /api/2.1/unity-catalog/volumes?catalog_name=&schema_name=&max_results=&page_token=&include_browse=

Shapes and rules from the Go SDK's generated models and docs (databricks-sdk-go
service/catalog/model.go and interface.go):
  * ListSchemasResponse {schemas: SchemaInfo[], next_page_token}; ListVolumesResponseContent
    {volumes: VolumeInfo[], next_page_token}; SchemaInfo name, full_name, catalog_name, owner,
    browse_only...; VolumeInfo name, full_name, catalog_name, schema_name, volume_type, owner,
    browse_only...
  * "a page may contain zero results while still providing a next_page_token. Clients must continue
    reading pages until next_page_token is absent": this stand-in serves an empty page with a token
    in the middle of every listing longer than one page.
  * "There is no guarantee of a specific ordering": entries come in reverse name order.
  * Volumes are "filtered based on the privileges of the calling user": one the caller may not read
    (--no-read-volume catalog.schema.volume) is left out, unless include_browse=true, which returns it
    with browse_only: true. Its files answer 403 PERMISSION_DENIED ("User does not have READ VOLUME on
    Volume 'c.s.v'.").
  * max_results < 0 is an INVALID_PARAMETER_VALUE error; a catalog or schema that does not exist is a
    404 (the exact error_code is not documented; CATALOG_DOES_NOT_EXIST / SCHEMA_DOES_NOT_EXIST are in
    the SDK's error codes).
"""

import os
import urllib.parse


class UnityCatalog:
    def __init__(self, root, page_size, unreadable_volumes):
        self.root = root
        self.page_size = page_size
        self.unreadable = set(unreadable_volumes or [])

    def readable(self, volume_path):
        """Whether the caller has READ VOLUME on the volume a /Volumes/... path is in."""
        parts = volume_path.strip("/").split("/")
        return len(parts) < 4 or ".".join(parts[1:4]) not in self.unreadable

    def folders(self, *parts):
        local = os.path.join(self.root, *parts)
        if not os.path.isdir(local):
            return None
        return sorted((name for name in os.listdir(local) if os.path.isdir(os.path.join(local, name))),
                      reverse=True)

    def answer(self, route, query):
        """(status, body) for a UC route, or None when the route is not one of these."""
        parameters = {key: values[0] for key, values in urllib.parse.parse_qs(query).items()}
        if route == "/api/2.1/unity-catalog/schemas":
            return self.schemas(parameters)
        if route == "/api/2.1/unity-catalog/volumes":
            return self.volumes(parameters)
        return None

    def schemas(self, parameters):
        catalog = parameters.get("catalog_name", "")
        names = self.folders(catalog) if catalog else None
        if names is None:
            return 404, {"error_code": "CATALOG_DOES_NOT_EXIST", "message": f"Catalog '{catalog}' does not exist."}
        items = [{"name": name, "catalog_name": catalog, "full_name": f"{catalog}.{name}", "owner": "stand-in-admins",
                  "catalog_type": "MANAGED_CATALOG"} for name in names]
        return self.page("schemas", items, parameters)

    def volumes(self, parameters):
        catalog, schema = parameters.get("catalog_name", ""), parameters.get("schema_name", "")
        names = self.folders(catalog, schema) if catalog and schema else None
        if names is None:
            return 404, {"error_code": "SCHEMA_DOES_NOT_EXIST", "message": f"Schema '{catalog}.{schema}' does not exist."}
        browse = parameters.get("include_browse", "false").lower() == "true"
        items = []
        for name in names:
            full_name = f"{catalog}.{schema}.{name}"
            item = {"name": name, "catalog_name": catalog, "schema_name": schema, "full_name": full_name,
                    "volume_type": "MANAGED", "owner": "stand-in-admins"}
            if full_name in self.unreadable:
                if not browse:
                    continue
                item["browse_only"] = True
            items.append(item)
        return self.page("volumes", items, parameters)

    def page(self, key, items, parameters):
        """One page: `max_results` (0 or absent: the server's size), an empty page with a token between
        the first and the second."""
        try:
            requested = int(parameters.get("max_results", "0") or 0)
        except ValueError:
            requested = -1
        if requested < 0:
            return 400, {"error_code": "INVALID_PARAMETER_VALUE", "message": "max_results must be >= 0."}
        size = min(requested or self.page_size, self.page_size)
        token = parameters.get("page_token", "")
        empty_first = token.endswith("e")
        start = int(token.rstrip("e") or 0)
        if empty_first:
            return 200, {key: [], "next_page_token": str(start)}
        body = {key: items[start:start + size]}
        if start + size < len(items):
            body["next_page_token"] = f"{start + size}e" if start == 0 else str(start + size)
        return 200, body
