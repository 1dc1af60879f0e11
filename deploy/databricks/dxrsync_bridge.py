"""Runs dxrsync's SQL statements with this job's SparkSession (METADATA_BACKEND=spark).

run_dxrsync.py starts a bridge before it starts the dxrsync binary and hands the binary the path of
its Unix socket in DXRSYNC_SPARK_SOCKET. For every statement the binary opens a connection and sends
one JSON line:

    {"statement": "MERGE INTO ...", "parameters": [{"name": "rows", "value": "[...]", "type": "STRING"}]}

The bridge runs it with spark.sql(statement, args={...}) -- the same SQL text the SQL warehouse path
sends -- and answers with JSON lines: {"columns": [...]}, then one JSON array per row whose cells are
text or null (the Statement Execution API's JSON_ARRAY cells: arrays and structs as JSON text,
timestamps as ISO-8601 UTC), then {"done": {"rows": n}}; or {"error": {"error_class", "sql_state",
"message"}}. Rows are streamed from df.toLocalIterator(), so a large result never sits in memory
whole: the binary reads a run's stored state as one statement and takes its rows a chunk at a time,
the rest waiting in the socket. JSON lines rather than Arrow: the binary parses them without an
Arrow library.

The same socket hands the binary a Databricks secret read with the job's dbutils (the DXR token,
as the playbook read it): the binary sends {"secret": {"scope": ..., "key": ...}} and the bridge
answers {"secret": "<value>"} or an error line. The binary is the one parser of the job's
parameters: it decides whether a secret is needed and which, so the wrapper never reads them.

Standard library only, besides the SparkSession (and dbutils) it is given.
"""

import base64
import datetime
import decimal
import json
import os
import shutil
import socketserver
import tempfile
import threading

_TYPES = {
    "BIGINT": int, "INT": int, "INTEGER": int, "SMALLINT": int, "TINYINT": int,
    "DOUBLE": float, "FLOAT": float, "DECIMAL": decimal.Decimal,
    "BOOLEAN": lambda value: value.strip().lower() == "true",
    "DATE": datetime.date.fromisoformat,
    "TIMESTAMP": lambda value: datetime.datetime.fromisoformat(value.replace("Z", "+00:00")),
}


def argument(value, type_name):
    """A parameter as spark.sql's args want it: a Python value of the parameter's type."""
    if value is None:
        return None
    convert = _TYPES.get(type_name.upper().split("(", 1)[0], str)
    return convert(value)


def cell(value):
    """A result value as the Statement Execution API's JSON_ARRAY format sends it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)) or hasattr(value, "asDict"):
        return json.dumps(_plain(value), separators=(",", ":"))
    if isinstance(value, datetime.datetime):
        return _timestamp(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode()
    return str(value)


def _plain(value):
    if hasattr(value, "asDict"):
        value = value.asDict(recursive=True)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return _timestamp(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _timestamp(value):
    # PySpark hands back naive datetimes in the local time zone; astimezone reads them as such.
    value = value.astimezone(datetime.timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def failure(error):
    """An exception as the error line: Spark's error class and SQLSTATE when it has them."""
    def ask(name):
        try:
            return getattr(error, name)()
        except Exception:
            return None

    error_class = ask("getCondition") or ask("getErrorClass") or type(error).__name__
    message = str(error).strip() or type(error).__name__
    return {"error": {"error_class": error_class, "sql_state": ask("getSqlState"), "message": message}}


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            request = json.loads(self.rfile.readline())
            if "secret" in request:
                self.send({"secret": self.server.read_secret(**request["secret"])})
                return
            args = {item["name"]: argument(item.get("value"), item.get("type") or "STRING")
                    for item in request.get("parameters") or []}
            frame = self.server.spark.sql(request["statement"], args=args)
            self.send({"columns": list(frame.columns)})
            rows = 0
            for row in frame.toLocalIterator():
                self.send([cell(value) for value in row])
                rows += 1
            self.send({"done": {"rows": rows}})
        except (BrokenPipeError, ConnectionResetError):
            pass  # the binary stopped reading (its run failed): there is no one to answer
        except Exception as error:  # every failure goes back to the binary, which reports it
            self.send(failure(error))

    def send(self, value):
        self.wfile.write(json.dumps(value, separators=(",", ":")).encode() + b"\n")


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


class SparkBridge:
    """A Unix socket that runs statements with `spark` and reads secrets with `dbutils`; use as a
    context manager."""

    def __init__(self, spark, dbutils=None):
        self.spark = spark
        self.dbutils = dbutils
        self.folder = None
        self.server = None

    def read_secret(self, scope, key):
        if self.dbutils is None:
            raise RuntimeError("this job has no dbutils to read secrets with")
        return self.dbutils.secrets.get(scope=scope, key=key)

    def __enter__(self):
        self.folder = tempfile.mkdtemp(prefix="dxrsync-bridge-")
        path = os.path.join(self.folder, "spark.sock")
        self.server = _Server(path, _Handler)
        self.server.spark = self.spark
        self.server.read_secret = self.read_secret
        threading.Thread(target=self.server.serve_forever, name="dxrsync-spark-bridge", daemon=True).start()
        return path

    def __exit__(self, *_):
        self.server.shutdown()
        self.server.server_close()
        shutil.rmtree(self.folder, ignore_errors=True)
