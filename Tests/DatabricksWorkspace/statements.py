"""The SQL Statement Execution API over a Warehouse: request validation, statement states,
results with Databricks' limits (results.py), fault injection and the statement log.

A statement that scanned a Delta table also answers with a field no real warehouse sends,
`"standin_scan": {"files_read": n, "files_skipped": m}`: the data files Databricks would read and
skip for it (data_skipping.py). The statement log carries the same counts (`files_read`,
`files_skipped`). Clients ignore fields they do not know, as they must for a real warehouse's."""

import json
import os
import re
import threading
import time
import uuid

from delta_types import type_name, type_text
from results import ExternalLinks, Result, request_problem
from sql_errors import SQLError
from sql_warehouse import Warehouse

_WAIT_TIMEOUT = re.compile(r"^(\d+)s$")
_COMPLEX_TYPES = ("ARRAY", "MAP", "STRUCT")
_TERMINAL = ("SUCCEEDED", "FAILED", "CANCELED", "CLOSED")


class StatementService:
    def __init__(self, args, base_url_source):
        checker = None
        if args.strict_socket:
            from spark_check_service import RemoteSparkChecker
            checker = RemoteSparkChecker(args.strict_socket)
        elif args.strict:
            from spark_check import SparkChecker
            checker = SparkChecker()
        for name in args.schema or []:
            catalog, _, schema = name.partition(".")
            os.makedirs(os.path.join(args.warehouse_root, catalog, schema), exist_ok=True)
        self.warehouse = Warehouse(args.warehouse_root, checker, volumes_root=args.root,
                                   may_apply_tags=not args.deny_apply_tag)
        self.warehouse_id = args.warehouse_id
        self.log_path = args.statement_log
        self.running_polls = args.running_polls
        # Faults armed through POST /stand-in/faults, each for the statements naming a table.
        self.failing_merges = {}  # text in the statement -> MERGEs left to fail
        self.slow_tables = set()  # text in the statement -> answer PENDING / RUNNING first
        self.expired_links = {}  # text in the statement -> EXTERNAL_LINKS links left to hand out expired
        self.chunk_rows = max(1, args.chunk_rows)
        self.inline_limit = args.inline_limit_bytes
        self.result_ttl = args.result_ttl_seconds
        self.links = ExternalLinks(base_url_source, args.link_ttl_seconds)
        self.records = {}
        self.lock = threading.Lock()

    # -- routes -------------------------------------------------------------------------------
    def post(self, route, raw_body):
        parts = route.rstrip("/").split("/")
        if len(parts) == 7 and parts[6] == "cancel":
            return self.cancel(parts[5])
        if len(parts) != 5:
            return 404, {"error_code": "NOT_FOUND", "message": "No such endpoint."}
        try:
            body = json.loads(raw_body or b"{}")
        except ValueError:
            return 400, {"error_code": "MALFORMED_REQUEST", "message": "The request body is not JSON."}
        problem = self.validate(body)
        if problem:
            return 400, {"error_code": "INVALID_PARAMETER_VALUE", "message": problem}
        if body["warehouse_id"] != self.warehouse_id:
            return 404, {"error_code": "RESOURCE_DOES_NOT_EXIST",
                         "message": f"Warehouse {body['warehouse_id']} does not exist."}
        parameters = {item["name"]: (item.get("value"), item.get("type") or "STRING")
                      for item in body.get("parameters") or []}
        record = self.run(body["statement"], parameters, body.get("catalog"), body.get("schema"),
                          body.get("disposition", "INLINE"), body.get("format", "JSON_ARRAY"))
        wait = int(_WAIT_TIMEOUT.match(body.get("wait_timeout", "10s")).group(1))
        if wait == 0 or any(name in body["statement"] for name in self.slow_tables):
            record["polls_left"] = self.running_polls
            return 200, {"statement_id": record["id"], "status": {"state": "PENDING"}}
        return 200, self.response(record)

    def arm_faults(self, raw_body):
        """{"fail_merges": {"<text>": n}, "slow": ["<text>"], "expired_links": {"<text>": n}}: the
        next n MERGEs whose statement contains <text> fail with a concurrent-write conflict;
        statements containing a "slow" text answer PENDING, then RUNNING, before their result; the
        next n EXTERNAL_LINKS links handed out for statements containing <text> have already
        expired (the storage answers 403, as for a link used too late)."""
        body = json.loads(raw_body or b"{}")
        with self.lock:
            self.failing_merges.update({key: int(value) for key, value in body.get("fail_merges", {}).items()})
            self.slow_tables.update(body.get("slow", []))
            self.expired_links.update({key: int(value) for key, value in body.get("expired_links", {}).items()})
        return 200, {}

    def get(self, route):
        parts = route.rstrip("/").split("/")
        with self.lock:
            record = self.records.get(parts[5]) if len(parts) > 5 else None
        if record is None:
            return 404, {"error_code": "NOT_FOUND", "message": "The statement was not found."}
        if len(parts) == 9 and parts[6] == "result" and parts[7] == "chunks":
            if record.get("polls_left", 0) > 0 or record["state"] != "SUCCEEDED":
                return 400, {"error_code": "BAD_REQUEST", "message": "The statement has no result yet."}
            index = int(parts[8])
            if not 0 <= index < len(record["result"].chunks):
                return 404, {"error_code": "NOT_FOUND", "message": f"No chunk {index}."}
            return 200, self.chunk(record, index)
        if len(parts) != 6:
            return 404, {"error_code": "NOT_FOUND", "message": "No such endpoint."}
        if record.get("polls_left", 0) > 0:
            record["polls_left"] -= 1
            return 200, {"statement_id": record["id"], "status": {"state": "RUNNING"}}
        return 200, self.response(record)

    def cancel(self, statement_id):
        with self.lock:
            record = self.records.get(statement_id)
        if record is None:
            return 404, {"error_code": "NOT_FOUND", "message": "The statement was not found."}
        if record.get("polls_left", 0) > 0:
            record.update(polls_left=0, state="CANCELED")
        return 200, {}

    # -- execution ----------------------------------------------------------------------------
    @staticmethod
    def validate(body):
        if not isinstance(body.get("statement"), str) or not body["statement"].strip():
            return "statement is required."
        if not isinstance(body.get("warehouse_id"), str):
            return "warehouse_id is required."
        match = _WAIT_TIMEOUT.match(body.get("wait_timeout", "10s"))
        if not match or not (int(match.group(1)) == 0 or 5 <= int(match.group(1)) <= 50):
            return "wait_timeout must be 0s or between 5s and 50s."
        problem = request_problem(body)
        if problem:
            return problem
        parameters = body.get("parameters") or []
        if len(parameters) > 256:
            return f"Parameterized query has too many parameters: {len(parameters)} parameters were given " \
                   "but the limit is 256."
        for item in parameters:
            if not isinstance(item.get("name"), str):
                return "Every parameter needs a name."
            if (item.get("type") or "STRING").upper().startswith(_COMPLEX_TYPES):
                return f"Parameter {item['name']}: complex types are not supported."
        return None

    def run(self, text, parameters, catalog, schema, disposition, result_format):
        record = {"id": str(uuid.uuid4()), "finished": 0, "text": text}
        kind = None
        started = time.monotonic()
        try:
            if text.lstrip().upper().startswith("MERGE") and self.take_merge_fault(text):
                kind = "MERGE"
                raise SQLError("DELTA_CONCURRENT_APPEND", "2D521",
                               "[DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT] ConcurrentAppendException: Files "
                               "were added to the root of the table by a concurrent update. Please try the "
                               "operation again.", error_code="ABORTED")
            kind, rows = self.warehouse.execute(text, parameters, catalog, schema)
            result = Result(rows.columns, rows.rows, disposition, result_format, self.chunk_rows, self.inline_limit)
            record.update(state="SUCCEEDED", result=result, scan=rows.scan)
        except SQLError as error:
            record.update(state="FAILED", error=error)
        except Exception as error:  # an engine bug must not take the server down
            record.update(state="FAILED", error=SQLError("INTERNAL_ERROR", "XX000", f"{type(error).__name__}: {error}",
                                                        error_code="INTERNAL_ERROR"))
        record["finished"] = time.monotonic()
        with self.lock:
            self.records[record["id"]] = record
            self.close_old_results()
        record["seconds"] = round(time.monotonic() - started, 3)
        self.log(kind, text, parameters, record)
        return record

    def close_old_results(self):
        """A warehouse keeps a result for an hour; the stand-in for --result-ttl-seconds, then the
        statement becomes CLOSED (its result can no longer be fetched) and its rows are freed."""
        expired = time.monotonic() - self.result_ttl
        for record in self.records.values():
            if record.get("state") == "SUCCEEDED" and record["finished"] < expired:
                record["state"] = "CLOSED"
                record.pop("result", None)

    def take_expired_link(self, text):
        with self.lock:
            for key, left in self.expired_links.items():
                if left > 0 and key in text:
                    self.expired_links[key] = left - 1
                    return True
        return False

    def take_merge_fault(self, text):
        with self.lock:
            for key, left in self.failing_merges.items():
                if left > 0 and key in text:
                    self.failing_merges[key] = left - 1
                    return True
        return False

    def log(self, kind, text, parameters, record):
        if not self.log_path:
            return
        entry = {"kind": kind, "state": record["state"], "seconds": record["seconds"], "statement": text,
                 "parameter_bytes": sum(len(value or "") for value, _ in parameters.values())}
        if record.get("scan"):
            entry.update(record["scan"])
        if record["state"] == "FAILED":
            entry["sql_state"] = record["error"].sql_state
            entry["message"] = record["error"].message
        with self.lock, open(self.log_path, "a") as file:
            file.write(json.dumps(entry) + "\n")

    # -- responses ------------------------------------------------------------------------------
    def response(self, record):
        body = {"statement_id": record["id"], "status": {"state": record["state"]}}
        if record["state"] == "FAILED":
            error = record["error"]
            body["status"]["error"] = {"error_code": error.error_code, "message": error.message}
            body["status"]["sql_state"] = error.sql_state
        if record["state"] != "SUCCEEDED":
            return body
        if record.get("scan"):
            body["standin_scan"] = record["scan"]
        result = record["result"]
        columns = result.columns
        body["manifest"] = {
            "format": result.format,
            "schema": {"column_count": len(columns), "columns": [
                {"name": name, "position": position, "type_name": type_name(arrow_type),
                 "type_text": type_text(arrow_type)} for position, (name, arrow_type) in enumerate(columns)]},
            "total_chunk_count": len(result.chunks),
            "chunks": [{"chunk_index": chunk.index, "row_offset": chunk.row_offset, "row_count": chunk.row_count}
                       for chunk in result.chunks],
            "total_row_count": result.row_count,
            "truncated": False,
        }
        if result.disposition == "EXTERNAL_LINKS":
            body["manifest"]["total_byte_count"] = result.byte_count
        body["result"] = self.chunk(record, 0) if result.chunks else {}
        return body

    def chunk(self, record, index):
        """Chunk `index` as `result` (INLINE: its rows; EXTERNAL_LINKS: a fresh link to them)."""
        result = record["result"]
        if result.disposition == "EXTERNAL_LINKS":
            expired = self.take_expired_link(record["text"])
            return {"external_links": [self.links.link(record["id"], result, index, expired=expired)]}
        chunk = result.chunks[index]
        body = {"chunk_index": index, "row_offset": chunk.row_offset, "row_count": chunk.row_count,
                "data_array": chunk.data}
        if index + 1 < len(result.chunks):
            body["next_chunk_index"] = index + 1
            body["next_chunk_internal_link"] = f"/api/2.0/sql/statements/{record['id']}/result/chunks/{index + 1}"
        return body
