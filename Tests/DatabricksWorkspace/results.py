"""How the Statement Execution API hands results back, with Databricks' limits.

The rules, from the Execute Statement reference
(https://docs.databricks.com/api/workspace/statementexecution/executestatement, mirrored at
https://docs.databricks.com/api/statement-execution/v1/execute-statement.md):

* `INLINE` results are limited to 25 MiB; a larger result fails the statement ("For flows that
  generate small and predictable result sets (<= 25 MiB), INLINE responses ..."). The limit can be
  lowered (--inline-limit-bytes) so fast tests reach it; one test runs at the real 26214400 bytes.
* `INLINE` supports `JSON_ARRAY` only; `EXTERNAL_LINKS` supports `JSON_ARRAY`, `ARROW_STREAM` and
  `CSV` ("3 supported formats: JSON_ARRAY, ARROW_STREAM and CSV compared to only JSON_ARRAY with
  INLINE").
* `EXTERNAL_LINKS`: each chunk sits behind a short-lived URL (`expiration`, <= 15 minutes) that must
  be fetched WITHOUT the `Authorization` header ("you must not set an Authorization header in
  download requests") and WITH every entry of `http_headers`; an expired link is replaced by asking
  `GET /api/2.0/sql/statements/{id}/result/chunks/{n}` again ("chunks can be resolved and fetched
  multiple times and in parallel"). The stand-in answers 400 to a request that carries an
  `Authorization` header, as S3 does for a presigned URL ("Only one auth mechanism allowed"), 403 to
  one without the `http_headers` entries, and 403 once the link expired.
* `CSV` chunks carry the header row in the first chunk only.
* The statement text is at most 16 MiB (`statement`: "The SQL statement to execute ... The
  statement can be at most 16 MiB").
"""

import datetime
import io
import json
import secrets
import threading
import time

import pyarrow as pa
import pyarrow.ipc as ipc

from delta_types import cell
from sql_errors import SQLError

INLINE_LIMIT_BYTES = 25 * 1024 * 1024
STATEMENT_LIMIT_BYTES = 16 * 1024 * 1024
FORMATS = ("JSON_ARRAY", "ARROW_STREAM", "CSV")
DISPOSITIONS = ("INLINE", "EXTERNAL_LINKS")


def request_problem(body):
    """The reason a request's disposition, format or statement size is refused (HTTP 400), or None."""
    disposition = body.get("disposition", "INLINE")
    result_format = body.get("format", "JSON_ARRAY")
    if disposition not in DISPOSITIONS:
        return f"disposition must be one of {', '.join(DISPOSITIONS)}."
    if result_format not in FORMATS:
        return f"format must be one of {', '.join(FORMATS)}."
    if disposition == "INLINE" and result_format != "JSON_ARRAY":
        return f"The {result_format} format is only supported with the EXTERNAL_LINKS disposition."
    size = len(body["statement"].encode())
    if size > STATEMENT_LIMIT_BYTES:
        return f"The statement is {size} bytes; a statement can be at most 16 MiB ({STATEMENT_LIMIT_BYTES} bytes)."
    return None


def inline_limit_error(size, limit):
    return SQLError(
        "INLINE_BYTE_LIMIT_EXCEEDED", "54000",
        f"Inline byte limit exceeded. Statements executed with disposition=INLINE can have a result size of at most "
        f"{limit} bytes (this result is {size} bytes). Please use disposition=EXTERNAL_LINKS to fetch large results.",
        error_code="BAD_REQUEST")


class Chunk:
    """Rows [start, start + count) of a result, as JSON_ARRAY cells."""

    def __init__(self, index, row_offset, data):
        self.index = index
        self.row_offset = row_offset
        self.data = data  # [[str | None]]

    @property
    def row_count(self):
        return len(self.data)


class Result:
    """A finished statement's rows split into chunks, in the requested disposition and format."""

    def __init__(self, columns, rows, disposition, result_format, chunk_rows, inline_limit):
        self.columns = columns  # [(name, arrow type)]
        self.disposition = disposition
        self.format = result_format
        data = [[cell(value, arrow_type) for value, (_, arrow_type) in zip(row, columns)] for row in rows]
        self.row_count = len(data)
        self.byte_count = sum(len(json.dumps(row, separators=(",", ":"))) for row in data)
        if disposition == "INLINE" and self.byte_count > inline_limit:
            raise inline_limit_error(self.byte_count, inline_limit)
        self.chunks = [Chunk(index, start, data[start:start + chunk_rows])
                       for index, start in enumerate(range(0, len(data), chunk_rows))]
        self.payloads = {}

    def payload(self, index):
        """The bytes behind chunk `index`'s external link."""
        if index not in self.payloads:
            chunk = self.chunks[index]
            if self.format == "JSON_ARRAY":
                data = json.dumps(chunk.data, separators=(",", ":")).encode()
            elif self.format == "CSV":
                data = self.csv(chunk, header=index == 0)
            else:
                data = self.arrow(chunk)
            self.payloads[index] = data
        return self.payloads[index]

    def csv(self, chunk, header):
        import csv

        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        if header:
            writer.writerow([name for name, _ in self.columns])
        for row in chunk.data:
            writer.writerow(["null" if value is None else value for value in row])
        return text.getvalue().encode()

    def arrow(self, chunk):
        schema = pa.schema([(name, pa.string()) for name, _ in self.columns])
        batch = pa.record_batch([pa.array([row[position] for row in chunk.data], pa.string())
                                 for position in range(len(self.columns))], schema=schema)
        sink = io.BytesIO()
        with ipc.new_stream(sink, schema) as writer:
            writer.write_batch(batch)
        return sink.getvalue()


class ExternalLinks:
    """Presigned-style links to result chunks: unguessable, short-lived, fetched without auth."""

    def __init__(self, base_url_source, ttl_seconds):
        self.base_url_source = base_url_source  # () -> "http://127.0.0.1:<port>"
        self.ttl = ttl_seconds
        self.links = {}  # token -> (result, chunk index, expiry, required headers)
        self.lock = threading.Lock()

    def link(self, statement_id, result, index, expired=False):
        """A fresh link object for chunk `index`, as in `result.external_links[]` (already expired
        when `expired`, a fault for tests)."""
        token = secrets.token_urlsafe(24)
        headers = {"x-amz-server-side-encryption-customer-key-MD5": secrets.token_hex(8)}
        expiry = time.time() + (-1 if expired else self.ttl)
        with self.lock:
            self.links[token] = (result, index, expiry, headers)
        chunk = result.chunks[index]
        link = {
            "chunk_index": index, "row_offset": chunk.row_offset, "row_count": chunk.row_count,
            "byte_count": len(result.payload(index)),
            "external_link": f"{self.base_url_source()}/stand-in/results/{token}",
            "expiration": datetime.datetime.fromtimestamp(expiry, datetime.timezone.utc).strftime(
                "%Y-%m-%dT%H:%M:%S.%fZ"),
            "http_headers": headers,
        }
        if index + 1 < len(result.chunks):
            link["next_chunk_index"] = index + 1
            link["next_chunk_internal_link"] = f"/api/2.0/sql/statements/{statement_id}/result/chunks/{index + 1}"
        return link

    def fetch(self, token, request_headers):
        """(status, content type, body) for a GET of a link."""
        with self.lock:
            entry = self.links.get(token)
        if entry is None:
            return 404, "application/xml", b"<Error><Code>NoSuchKey</Code></Error>"
        result, index, expiry, headers = entry
        if request_headers.get("Authorization") is not None:
            return 400, "application/xml", (
                b"<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed; only the "
                b"X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header "
                b"should be specified</Message></Error>")
        if any(request_headers.get(name) != value for name, value in headers.items()):
            return 403, "application/xml", (
                b"<Error><Code>AccessDenied</Code><Message>The request is missing a header the link was signed "
                b"with (http_headers)</Message></Error>")
        if time.time() > expiry:
            return 403, "application/xml", b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
        content_type = {"JSON_ARRAY": "application/json", "CSV": "text/csv",
                        "ARROW_STREAM": "application/vnd.apache.arrow.stream"}[result.format]
        return 200, content_type, result.payload(index)
