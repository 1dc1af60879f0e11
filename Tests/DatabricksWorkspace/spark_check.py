"""Strict mode: every statement also goes through Spark 4's own parser and analyzer.

The stand-in executes statements with sqlglot, DuckDB and delta-rs, which accept some SQL that
Databricks would refuse. In strict mode each statement is first parsed by Spark's SQL parser, and
statements that read or write rows (SELECT, INSERT, MERGE, CREATE VIEW) are analysed by Spark
against temporary views with the same columns as the Delta tables they name, with the request's
parameters bound. Anything Spark refuses fails the statement with Spark's error class and SQLSTATE.
(Delta itself is not on Spark's class path here, so DDL is checked by the parser only.)
"""

import datetime
import logging
import threading

import sqlglot
from sqlglot import exp

from delta_types import type_text
from sql_errors import SQLError

# Spark plans MERGE only for tables whose connector supports it; reaching that point means the
# statement parsed and analysed.
_ANALYSED_MERGE = "MERGE INTO TABLE is not supported temporarily"


class SparkChecker:
    def __init__(self):
        from pyspark.sql import SparkSession  # imported eagerly: a missing pyspark fails at start

        self._builder = (SparkSession.builder.master("local[1]").appName("dxrsync-strict-sql")
                         .config("spark.ui.enabled", "false")
                         .config("spark.driver.memory", "768m")
                         .config("spark.sql.session.timeZone", "UTC")
                         .config("spark.sql.ansi.enabled", "true"))
        self._lock = threading.Lock()
        self._error = None
        self._spark = None
        self._views = {}

    def _session(self):
        """Starts Spark on the first statement (a stand-in that runs no SQL never pays for it)."""
        with self._lock:
            if self._spark is None and self._error is None:
                try:
                    self._spark = self._builder.getOrCreate()
                    self._spark.sparkContext.setLogLevel("OFF")
                    logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)
                except Exception as error:  # reported by every check
                    self._error = error
            if self._error is not None:
                raise SQLError("INTERNAL_ERROR", "XX000", f"strict mode: Spark did not start: {self._error}")
            return self._spark

    def check(self, text, kind, statement, parameters, table_schemas):
        spark = self._session()
        try:
            spark._jsparkSession.sessionState().sqlParser().parsePlan(text)
        except Exception as error:
            raise _as_sql_error(error)
        if kind == "MERGE":
            query = statement
        elif kind == "INSERT":
            query = statement.expression
        elif kind == "CREATE VIEW":
            query = statement.expression
        elif kind == "SELECT":
            query = statement
        else:
            return
        rewritten = self._with_views(query.copy(), table_schemas)
        try:
            spark.sql(rewritten.sql("databricks"), args=_arguments(parameters))
        except Exception as error:
            if _ANALYSED_MERGE in str(error):
                return
            raise _as_sql_error(error)

    def _with_views(self, query, table_schemas):
        """Points every table reference at a temporary view with the table's columns (a reference
        to a common table expression of the query is left as it is)."""
        ctes = {cte.alias for cte in query.find_all(exp.CTE)}
        for table in list(query.find_all(exp.Table)):
            if not isinstance(table.this, exp.Identifier) or (not table.db and table.name in ctes):
                continue
            key = next((name for name in table_schemas if name[2] == table.name
                        and (not table.db or name[1] == table.db)
                        and (not table.catalog or name[0] == table.catalog)), None)
            schema = table_schemas.get(key)
            if schema is None:
                continue  # an unknown name stays as it is: Spark reports it
            if isinstance(schema, tuple):  # a view: check its query in place
                view_query = self._with_views(sqlglot.parse_one(schema[1], dialect="databricks"), table_schemas)
                table.replace(exp.Subquery(this=view_query,
                                           alias=exp.TableAlias(this=exp.to_identifier(table.alias or table.name))))
                continue
            columns = ", ".join(f"`{field.name}` {type_text(field.type)}" for field in schema)
            view = "__".join(("strict",) + key)
            if self._views.get(view) != columns:
                self._spark.createDataFrame([], columns).createOrReplaceTempView(view)
                self._views[view] = columns
            alias = table.alias or table.name
            table.set("catalog", None)
            table.set("db", None)
            table.set("this", exp.to_identifier(view))
            table.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
        return query


def _arguments(parameters):
    converters = {
        "BIGINT": int, "INT": int, "INTEGER": int, "SMALLINT": int, "DOUBLE": float, "FLOAT": float,
        "BOOLEAN": lambda value: value.lower() == "true",
        "TIMESTAMP": lambda value: datetime.datetime.fromisoformat(value),
        "DATE": datetime.date.fromisoformat,
    }
    return {name: (None if value is None else converters.get(type_name.upper(), str)(value))
            for name, (value, type_name) in parameters.items()}


def _as_sql_error(error):
    condition = None
    sql_state = None
    for getter in ("getCondition", "getErrorClass"):
        if hasattr(error, getter):
            try:
                condition = getattr(error, getter)()
            except Exception:
                condition = None
            if condition:
                break
    if hasattr(error, "getSqlState"):
        try:
            sql_state = error.getSqlState()
        except Exception:
            sql_state = None
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    condition = condition or "SPARK_ANALYSIS_ERROR"
    return SQLError(condition, sql_state or "42000", f"[{condition}] strict mode (Spark): {message}")
