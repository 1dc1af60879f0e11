#!/usr/bin/env python3
"""Runs deploy/databricks/run_dxrsync.py as a Databricks job would, with a SparkSession and dbutils
whose work is done by the workspace stand-in: `spark.sql(text, args)` executes on the stand-in's
Delta engine (sql_warehouse.py: sqlglot, delta-rs, DuckDB; with --strict, also analysed by real
pyspark), and `dbutils.secrets.get` reads the secrets given here. The wrapper, its bridge and the
dxrsync binary are the real ones, talking over the real socket.

    standin_spark.py --warehouse-root DIR [--strict | --strict-socket PATH] [--secrets FILE]
                     [--statement-log LOG] -- <arguments>
    standin_spark.py --warehouse-root DIR --notebook deploy/databricks/plan_parts.py
                     --widgets FILE --task-values OUT

The second form runs a notebook task: `dbutils.widgets` answers the base parameters in FILE (JSON) and
`dbutils.jobs.taskValues.set` writes OUT (JSON), refusing values over 48 KiB as Databricks does.

FILE is a JSON object {"scope/key": "value"}: secrets never go on a command line. LOG gets one JSON
line per statement, as the SQL warehouse stand-in writes them: kind, state, statement, and for one
that scanned a table the data files Databricks would read and skip (`files_read`, `files_skipped`,
data_skipping.py). The bridge's answers stay exactly what the real bridge sends.
"""

import argparse
import datetime
import json
import os
import runpy
import sys
import threading
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
WRAPPER = os.path.join(HERE, "..", "..", "deploy", "databricks", "run_dxrsync.py")
sys.path.insert(0, HERE)

from sql_errors import SQLError  # noqa: E402
from sql_warehouse import Warehouse  # noqa: E402


class StandInAnalysisException(Exception):
    """Raised like PySpark's exceptions: with an error class and a SQLSTATE."""

    def __init__(self, error):
        super().__init__(error.message)
        self.error = error

    def getErrorClass(self):
        return self.error.error_class

    def getSqlState(self):
        return self.error.sql_state


class StandInDataFrame:
    def __init__(self, result):
        self.columns = [name for name, _ in result.columns]
        self.rows = result.rows

    def toLocalIterator(self):
        return (tuple(row) for row in self.rows)


class StandInSparkSession:
    """The subset of SparkSession the bridge uses."""

    def __init__(self, warehouse, statement_log=None):
        self.warehouse = warehouse
        self.statement_log = statement_log
        self.lock = threading.Lock()

    def sql(self, text, args=None):
        parameters = {name: self.parameter(value) for name, value in (args or {}).items()}
        try:
            kind, result = self.warehouse.execute(text, parameters)
        except SQLError as error:
            self.log({"kind": None, "state": "FAILED", "statement": text, "message": error.message})
            raise StandInAnalysisException(error) from None
        self.log(dict({"kind": kind, "state": "SUCCEEDED", "statement": text}, **(result.scan or {})))
        return StandInDataFrame(result)

    def log(self, entry):
        if self.statement_log:
            with self.lock, open(self.statement_log, "a") as file:
                file.write(json.dumps(entry) + "\n")

    @staticmethod
    def parameter(value):
        """A typed Python argument as the stand-in's (text, SQL type) parameter."""
        if value is None:
            return None, "STRING"
        if isinstance(value, bool):
            return ("true" if value else "false"), "BOOLEAN"
        if isinstance(value, int):
            return str(value), "BIGINT"
        if isinstance(value, float):
            return repr(value), "DOUBLE"
        if isinstance(value, datetime.datetime):
            return value.isoformat(), "TIMESTAMP"
        return str(value), "STRING"


class StandInSecrets:
    def __init__(self, values):
        self.values = values

    def get(self, scope, key):
        # What dbutils raises for a scope or key that is not there (the message of the
        # RESOURCE_DOES_NOT_EXIST answer of GET /api/2.0/secrets/get, which dbutils relays).
        if f"{scope}/{key}" not in self.values:
            raise RuntimeError(f"RESOURCE_DOES_NOT_EXIST: Secret does not exist with scope: {scope} and key: {key}")
        return self.values[f"{scope}/{key}"]


class StandInWidgets:
    """`dbutils.widgets` as a notebook task sees them: `text` declares a widget and its default, `get`
    answers the task's base parameter of that name, else the default; a name never declared nor
    passed raises, as Databricks' InputWidgetNotDefined does."""

    def __init__(self, parameters):
        self.parameters = parameters
        self.defaults = {}

    def text(self, name, default_value, label=None):
        self.defaults[name] = default_value

    def get(self, name):
        if name in self.parameters:
            return str(self.parameters[name])
        if name in self.defaults:
            return self.defaults[name]
        raise RuntimeError(f"InputWidgetNotDefined: No input widget named {name} is defined")


class StandInTaskValues:
    """`dbutils.jobs.taskValues.set`, kept in a JSON file: "Only values that can be expressed as valid
    JSON are permitted. The size of the JSON representation of the value cannot exceed 48 KiB."
    (https://docs.databricks.com/jobs/task-values.html)"""

    LIMIT = 48 * 1024

    def __init__(self, path):
        self.path = path
        self.values = {}

    def set(self, key, value):
        text = json.dumps(value)
        if len(text.encode()) > self.LIMIT:
            raise ValueError(f"the task value {key} is {len(text.encode())} bytes of JSON, more than 48 KiB")
        self.values[key] = value
        with open(self.path, "w") as file:
            json.dump(self.values, file)


class StandInJobs:
    def __init__(self, task_values):
        self.taskValues = task_values


class StandInDBUtils:
    def __init__(self, secrets, widgets=None, task_values=None):
        self.secrets = StandInSecrets(secrets)
        self.widgets = StandInWidgets(widgets or {})
        self.jobs = StandInJobs(StandInTaskValues(task_values)) if task_values else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse-root", required=True)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--strict-socket", help="check with the Spark of spark_check_service.py")
    parser.add_argument("--secrets", help='JSON file {"scope/key": "value"}')
    parser.add_argument("--volumes-root", help="folder holding <catalog>/<schema>/<volume> (for ALTER VOLUME)")
    parser.add_argument("--statement-log", help="append one JSON line per statement here")
    parser.add_argument("--notebook", help="run this notebook (from its own folder) instead of the wrapper")
    parser.add_argument("--widgets", help="JSON file of the notebook task's base parameters")
    parser.add_argument("--task-values", help="where the notebook's task values are written, as JSON")
    parser.add_argument("wrapper_arguments", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    checker = None
    if args.strict_socket:
        from spark_check_service import RemoteSparkChecker
        checker = RemoteSparkChecker(args.strict_socket)
    elif args.strict:
        from spark_check import SparkChecker
        checker = SparkChecker()
    secrets = {}
    if args.secrets:
        with open(args.secrets) as file:
            secrets = json.load(file)
    arguments = args.wrapper_arguments[1:] if args.wrapper_arguments[:1] == ["--"] else args.wrapper_arguments
    sys.argv = [WRAPPER] + arguments
    spark = StandInSparkSession(Warehouse(args.warehouse_root, checker, volumes_root=args.volumes_root),
                                args.statement_log)
    widgets = {}
    if args.widgets:
        with open(args.widgets) as file:
            widgets = json.load(file)
    dbutils = StandInDBUtils(secrets, widgets, args.task_values)
    try:
        if args.notebook:
            # A notebook task runs in the notebook's folder, next to the bundle's other files.
            os.chdir(os.path.dirname(os.path.abspath(args.notebook)))
            try:
                runpy.run_path(args.notebook, init_globals={"spark": spark, "dbutils": dbutils}, run_name="__main__")
            except Exception:  # a failed notebook cell: the task fails with its traceback
                traceback.print_exc()
                sys.stderr.flush()
                os._exit(1)
            sys.stdout.flush()
            os._exit(0)
        runpy.run_path(WRAPPER, init_globals={"spark": spark, "dbutils": dbutils}, run_name="__main__")
    except SystemExit as exit:
        sys.stdout.flush()
        # Skip interpreter teardown: delta-rs's runtime threads have been seen to abort the process
        # while it shuts down.
        os._exit(exit.code if isinstance(exit.code, int) else 1)


if __name__ == "__main__":
    main()
