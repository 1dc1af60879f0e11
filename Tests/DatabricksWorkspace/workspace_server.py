#!/usr/bin/env python3
"""A local stand-in for the parts of a Databricks workspace dxrsync talks to.

Serves, on 127.0.0.1 and an ephemeral port (printed as the first line of stdout):
  * the Files API over a local folder:  GET /api/2.0/fs/directories/Volumes/...  (paged with
    page_size / page_token; a small --page-size exercises paging), GET and HEAD
    /api/2.0/fs/files/Volumes/... (with single Range support, 206 / 416);
  * GET /api/2.0/secrets/get?scope=&key=  (base64 values given with --secret scope/key=value);
  * GET /api/2.0/sql/warehouses/{id}  (its state, --warehouse-state);
  * POST /oidc/v1/token  (client_credentials with HTTP Basic client id / secret);
  * the SQL Statement Execution API (POST /api/2.0/sql/statements, GET .../{id},
    GET .../{id}/result/chunks/{n}, POST .../{id}/cancel) over real Delta tables under
    --warehouse-root (see sql_warehouse.py); --strict also runs every statement through Spark's
    parser and analyzer (spark_check.py), or --strict-socket through a shared spark_check_service.py.
    With wait_timeout "0s", or for a table armed as slow,
    a statement answers PENDING, then RUNNING, for --running-polls polls before its result;
    Results follow Databricks' rules (results.py): INLINE up to --inline-limit-bytes (25 MiB),
    EXTERNAL_LINKS in JSON_ARRAY, CSV or ARROW_STREAM behind short-lived links served at
    GET /stand-in/results/<token> (no Authorization header, the link's http_headers required);
  * the Unity Catalog list APIs for schemas and volumes (unity_catalog.py), over the folders of
    the Files API root;
  * POST /stand-in/faults arms faults for the statements naming a table (see statements.py).

Every API call needs "Authorization: Bearer <token>" with the --token PAT or an issued OAuth
token. Errors use the Databricks shape {"error_code", "message"}. The Files API, secrets and
OAuth parts need only the standard library; the SQL part needs requirements.txt.
"""

import argparse
import base64
import email.utils
import json
import os
import secrets
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Workspace:
    def __init__(self, args, base_url_source):
        self.root = os.path.abspath(args.root)
        self.page_size = args.page_size
        self.pat = args.token
        self.client_id = args.client_id
        self.client_secret = args.client_secret
        self.failing_folders = set(args.fail_listing or [])
        from unity_catalog import UnityCatalog
        self.unity_catalog = UnityCatalog(self.root, args.uc_page_size, args.no_read_volume)
        # Databricks documents GET /api/2.0/secrets/get as callable "only from the DBUtils
        # interface" (https://docs.databricks.com/api/workspace/secrets/getsecret).
        self.secrets_outside_dbutils_refused = args.refuse_rest_secrets
        self.secrets = {}
        for item in args.secret or []:
            reference, _, value = item.partition("=")
            self.secrets[reference] = value
        self.oauth_tokens = {}
        self.lock = threading.Lock()
        self.counts = {}
        self.statements = None
        self.warehouse_id = args.warehouse_id
        self.warehouse_state = args.warehouse_state
        if args.warehouse_root:
            from statements import StatementService
            self.statements = StatementService(args, base_url_source)

    def count(self, name):
        with self.lock:
            self.counts[name] = self.counts.get(name, 0) + 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    workspace: Workspace = None

    def log_message(self, *_):
        pass

    # -- helpers -------------------------------------------------------------------------
    def send_json(self, status, body, extra_headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_bytes(self, status, content_type, data):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def error(self, status, code, message):
        self.send_json(status, {"error_code": code, "message": message})

    def authorised(self):
        header = self.headers.get("Authorization", "")
        token = header[len("Bearer "):] if header.startswith("Bearer ") else None
        ws = self.workspace
        with ws.lock:
            expiry = ws.oauth_tokens.get(token)
        if token is not None and (token == ws.pat or (expiry is not None and expiry > time.time())):
            return True
        self.error(401, "UNAUTHENTICATED", "Invalid access token.")
        return False

    def local_path(self, api_prefix):
        raw = urllib.parse.urlsplit(self.path).path[len(api_prefix):]
        path = urllib.parse.unquote(raw, errors="strict")
        if not path.startswith("/Volumes/") or any(part in ("..", ".") for part in path.split("/")):
            return None, path
        return os.path.join(self.workspace.root, path[len("/Volumes/"):]), path.rstrip("/")

    # -- routes --------------------------------------------------------------------------
    def do_POST(self):
        route = urllib.parse.urlsplit(self.path).path
        if route == "/oidc/v1/token":
            return self.token()
        if route == "/stand-in/faults" and self.workspace.statements is not None:
            if self.authorised():
                length = int(self.headers.get("Content-Length", "0"))
                self.send_json(*self.workspace.statements.arm_faults(self.rfile.read(length)))
            return
        if route.startswith("/api/2.0/sql/statements") and self.workspace.statements is not None:
            if self.authorised():
                length = int(self.headers.get("Content-Length", "0"))
                status, body = self.workspace.statements.post(route, self.rfile.read(length))
                self.send_json(status, body)
            return
        self.error(404, "NOT_FOUND", "No such endpoint.")

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        route = urllib.parse.urlsplit(self.path).path
        if route.startswith("/api/2.1/unity-catalog/"):
            if self.authorised():
                answer = self.workspace.unity_catalog.answer(route, urllib.parse.urlsplit(self.path).query)
                if answer is None:
                    self.error(404, "ENDPOINT_NOT_FOUND", "No such endpoint.")
                else:
                    self.send_json(*answer)
        elif route.startswith("/api/2.0/fs/directories/"):
            if self.authorised():
                self.list_directory()
        elif route.startswith("/api/2.0/fs/files/"):
            if self.authorised():
                self.download()
        elif route == "/api/2.0/secrets/get":
            if self.authorised():
                self.secret()
        elif route.startswith("/api/2.0/sql/warehouses/") and self.workspace.statements is not None:
            self.warehouse(route[len("/api/2.0/sql/warehouses/"):])
        elif route.startswith("/api/2.0/sql/statements/") and self.workspace.statements is not None:
            if self.authorised():
                self.send_json(*self.workspace.statements.get(route))
        elif route.startswith("/stand-in/results/") and self.workspace.statements is not None:
            self.send_bytes(*self.workspace.statements.links.fetch(route.rsplit("/", 1)[1], self.headers))
        else:
            self.error(404, "NOT_FOUND", "No such endpoint.")

    def token(self):
        ws = self.workspace
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        header = self.headers.get("Authorization", "")
        try:
            client_id, _, client_secret = base64.b64decode(header[len("Basic "):]).decode().partition(":")
        except Exception:
            client_id = client_secret = None
        if form.get("grant_type") != ["client_credentials"]:
            return self.send_json(400, {"error": "unsupported_grant_type"})
        if not ws.client_id or client_id != ws.client_id or client_secret != ws.client_secret:
            return self.send_json(401, {"error": "invalid_client", "error_description": "Client authentication failed"})
        ws.count("oauth_token")
        access_token = "oauth-" + secrets.token_hex(16)
        with ws.lock:
            ws.oauth_tokens[access_token] = time.time() + 3600
        self.send_json(200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 3600, "scope": "all-apis"})

    def warehouse(self, warehouse_id):
        # GET /api/2.0/sql/warehouses/{id} (https://docs.databricks.com/api/workspace/warehouses/get):
        # the warehouse's id, name and state, one of STARTING, RUNNING, STOPPING, STOPPED, DELETING,
        # DELETED; an unknown id is 404 RESOURCE_DOES_NOT_EXIST.
        if not self.authorised():
            return
        if urllib.parse.unquote(warehouse_id) != self.workspace.warehouse_id:
            return self.error(404, "RESOURCE_DOES_NOT_EXIST", f"Warehouse {warehouse_id} does not exist.")
        self.send_json(200, {"id": self.workspace.warehouse_id, "name": "Stand-in warehouse",
                             "state": self.workspace.warehouse_state, "auto_stop_mins": 10})

    def secret(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        scope, key = query.get("scope", [""])[0], query.get("key", [""])[0]
        if self.workspace.secrets_outside_dbutils_refused:
            return self.error(400, "BAD_REQUEST",
                              "Secrets can only be read from the DBUtils interface inside a notebook or job.")
        value = self.workspace.secrets.get(f"{scope}/{key}")
        if value is None:
            return self.error(404, "RESOURCE_DOES_NOT_EXIST", f"Secret does not exist with scope: {scope} and key: {key}")
        self.workspace.count("secret")
        self.send_json(200, {"key": key, "value": base64.b64encode(value.encode()).decode()})

    def unreadable_volume(self, volume_path):
        """Answers 403 for a path in a volume the caller may not read; True when it did."""
        if self.workspace.unity_catalog.readable(volume_path):
            return False
        volume = ".".join(volume_path.strip("/").split("/")[1:4])
        self.error(403, "PERMISSION_DENIED", f"User does not have READ VOLUME on Volume '{volume}'.")
        return True

    def list_directory(self):
        local, volume_path = self.local_path("/api/2.0/fs/directories")
        if self.unreadable_volume(volume_path):
            return
        if local is None or not os.path.isdir(local) or os.path.islink(local):
            return self.error(404, "NOT_FOUND", "The directory being accessed is not found.")
        if volume_path in self.workspace.failing_folders:
            return self.error(500, "INTERNAL_ERROR", "Injected listing failure.")
        self.workspace.count("list")
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        page_size = int(query.get("page_size", ["1000"])[0] or 1000)
        page_size = min(page_size if page_size > 0 else 1000, 1000, self.workspace.page_size)
        start = int(query.get("page_token", ["0"])[0] or 0)
        names = sorted(os.listdir(local), key=lambda name: name.encode())
        entries = []
        for name in names[start:start + page_size]:
            full = os.path.join(local, name)
            info = os.lstat(full)
            entry = {"path": f"{volume_path}/{name}", "name": name}
            if os.path.isdir(full) and not os.path.islink(full):
                entry["is_directory"] = True
            elif os.path.isfile(full) and not os.path.islink(full):
                entry["is_directory"] = False
                entry["file_size"] = info.st_size
                entry["last_modified"] = int(info.st_mtime * 1000)
            else:
                continue
            entries.append(entry)
        body = {"contents": entries}
        if start + page_size < len(names):
            body["next_page_token"] = str(start + page_size)
        self.send_json(200, body)

    def download(self):
        local, volume_path = self.local_path("/api/2.0/fs/files")
        if self.unreadable_volume(volume_path):
            return
        if local is None or not os.path.isfile(local) or os.path.islink(local):
            return self.error(404, "NOT_FOUND", "The file being accessed is not found.")
        self.workspace.count("download")
        size = os.path.getsize(local)
        start, end, status = 0, size - 1, 200
        range_header = self.headers.get("Range")
        if range_header and range_header.startswith("bytes="):
            first, _, last = range_header[6:].partition("-")
            start = int(first) if first else 0
            end = min(int(last), size - 1) if last else size - 1
            if start >= size or start > end:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(end - start + 1 if size else 0))
        self.send_header("Last-Modified", email.utils.formatdate(os.path.getmtime(local), usegmt=True))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        if self.command == "HEAD" or size == 0:
            return
        with open(local, "rb") as source:
            source.seek(start)
            remaining = end - start + 1
            while remaining > 0:
                chunk = source.read(min(65536, remaining))
                if not chunk:
                    break
                self.wfile.write(chunk)
                remaining -= len(chunk)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="folder holding <catalog>/<schema>/<volume>/...")
    parser.add_argument("--token", required=True, help="personal access token clients must send")
    parser.add_argument("--client-id")
    parser.add_argument("--client-secret")
    parser.add_argument("--secret", action="append", help="scope/key=value")
    parser.add_argument("--page-size", type=int, default=1000, help="largest listing page")
    parser.add_argument("--refuse-rest-secrets", action="store_true",
                        help="answer secrets/get with 400 BAD_REQUEST, as outside DBUtils")
    parser.add_argument("--fail-listing", action="append", help="volume folder whose listing answers 500")
    parser.add_argument("--uc-page-size", type=int, default=2, help="largest Unity Catalog list page")
    parser.add_argument("--no-read-volume", action="append",
                        help="catalog.schema.volume the caller lacks READ VOLUME on (listed only with include_browse)")
    parser.add_argument("--warehouse-root", help="folder holding <catalog>/<schema>/<table> Delta tables")
    parser.add_argument("--warehouse-id", default="stand-in-warehouse", help="the only warehouse id accepted")
    parser.add_argument("--warehouse-state", default="RUNNING",
                        help="what GET /api/2.0/sql/warehouses/{id} says (RUNNING, STOPPED, DELETED, ...)")
    parser.add_argument("--schema", action="append", help="catalog.schema to create (as in Unity Catalog)")
    parser.add_argument("--deny-apply-tag", action="store_true", help="the caller lacks APPLY TAG on volumes")
    parser.add_argument("--strict", action="store_true", help="check every statement with Spark too")
    parser.add_argument("--strict-socket", help="check every statement with the Spark of spark_check_service.py")
    parser.add_argument("--statement-log", help="append one JSON line per statement here")
    parser.add_argument("--running-polls", type=int, default=2, help="polls answered PENDING/RUNNING")
    parser.add_argument("--chunk-rows", type=int, default=10000, help="rows per result chunk")
    parser.add_argument("--inline-limit-bytes", type=int, default=25 * 1024 * 1024,
                        help="largest INLINE result (Databricks: 25 MiB); lower it for fast tests")
    parser.add_argument("--result-ttl-seconds", type=float, default=600,
                        help="how long a result can be fetched (Databricks: an hour); then CLOSED")
    parser.add_argument("--link-ttl-seconds", type=float, default=900,
                        help="how long an EXTERNAL_LINKS link stays valid (Databricks: at most 15 minutes)")
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="exit when standard input closes (the parent process is gone)")
    args = parser.parse_args()
    if args.exit_with_stdin:
        threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)), daemon=True).start()
    # The server may be started with SIGTERM ignored (inherited); make it stop on SIGTERM anyway.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.workspace = Workspace(args, lambda: f"http://127.0.0.1:{server.server_address[1]}")
    server.daemon_threads = True
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
