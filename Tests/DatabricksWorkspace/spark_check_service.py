#!/usr/bin/env python3
"""One strict-mode Spark for every stand-in of a test run.

Starting Spark costs seconds of CPU and hundreds of MiB per process, and a test run starts many
stand-ins. This service runs one SparkChecker (spark_check.py) behind a Unix socket; stand-ins
started with --strict-socket send it each statement to check (RemoteSparkChecker) instead of
starting Spark themselves.

    spark_check_service.py --socket PATH [--exit-with-stdin]

It prints "ready" once it listens. Request, one JSON line: {"text", "kind", "parameters":
{name: [value, type]}, "tables": [{"name": [catalog, schema, table], "columns": [[name, type]]} or
{"name": [...], "view": "<sql>"}]}. Answer: {"ok": true} or {"error": {"error_class", "sql_state",
"message"}}.
"""

import argparse
import json
import os
import signal
import socket
import socketserver
import sys
import threading

import pyarrow as pa
import sqlglot

from delta_types import parse_type, type_text
from spark_check import SparkChecker
from sql_errors import SQLError


def encode_tables(table_schemas):
    tables = []
    for name, schema in table_schemas.items():
        if isinstance(schema, tuple):
            tables.append({"name": list(name), "view": schema[1]})
        else:
            tables.append({"name": list(name), "columns": [[field.name, type_text(field.type)] for field in schema]})
    return tables


def decode_tables(tables):
    schemas = {}
    for table in tables:
        name = tuple(table["name"])
        if "view" in table:
            schemas[name] = ("VIEW", table["view"])
        else:
            schemas[name] = pa.schema([pa.field(column, parse_type(kind)) for column, kind in table["columns"]])
    return schemas


class RemoteSparkChecker:
    """SparkChecker's interface, answered by the service at `path`."""

    def __init__(self, path):
        self.path = path

    def check(self, text, kind, statement, parameters, table_schemas):
        request = {"text": text, "kind": kind, "parameters": {name: list(value) for name, value in parameters.items()},
                   "tables": encode_tables(table_schemas)}
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(self.path)
            connection.sendall(json.dumps(request).encode() + b"\n")
            answer = json.loads(connection.makefile("rb").readline() or b'{"error": {"message": "no answer"}}')
        if "error" in answer:
            error = answer["error"]
            raise SQLError(error.get("error_class") or "INTERNAL_ERROR", error.get("sql_state") or "XX000",
                           error.get("message") or "strict mode: the Spark check service gave no answer")


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        request = json.loads(self.rfile.readline())
        try:
            statement = sqlglot.parse_one(request["text"], dialect="databricks")
            parameters = {name: tuple(value) for name, value in request["parameters"].items()}
            with self.server.lock:
                self.server.checker.check(request["text"], request["kind"], statement, parameters,
                                          decode_tables(request["tables"]))
            answer = {"ok": True}
        except SQLError as error:
            answer = {"error": {"error_class": error.error_class, "sql_state": error.sql_state,
                                "message": error.message}}
        except Exception as error:  # an unexpected failure still answers
            answer = {"error": {"error_class": "INTERNAL_ERROR", "sql_state": "XX000", "message": str(error)}}
        self.wfile.write(json.dumps(answer).encode() + b"\n")


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--socket", required=True)
    parser.add_argument("--exit-with-stdin", action="store_true")
    args = parser.parse_args()
    if args.exit_with_stdin:
        threading.Thread(target=lambda: (sys.stdin.buffer.read(), os._exit(0)), daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    if os.path.exists(args.socket):
        os.remove(args.socket)
    server = _Server(args.socket, _Handler)
    server.checker = SparkChecker()
    server.lock = threading.Lock()
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
