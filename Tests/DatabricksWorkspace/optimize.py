"""OPTIMIZE, as Delta on Databricks runs it: the table's small data files are compacted into fewer,
larger ones, no row changes.

Syntax (https://docs.databricks.com/en/sql/language-manual/delta-optimize.html):
`OPTIMIZE table_name [WHERE predicate] [ZORDER BY (...)]`; only the plain form is run here. The
result is one row, `path` STRING and `metrics` STRUCT, whose fields include `numFilesAdded` and
`numFilesRemoved` (the same names delta-rs's `optimize.compact()` returns, which does the work here).
sqlglot and open-source Spark do not parse OPTIMIZE, so the statement is matched here, as
ALTER VOLUME is (volume_tags.py), and never reaches the strict checker.
"""

import json
import re

import pyarrow as pa
from sqlglot import exp

from sql_errors import SQLError

_STATEMENT = re.compile(r"^\s*OPTIMIZE\s+(?P<name>(?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+)){0,2})\s*;?\s*$",
                        re.IGNORECASE)


def matches(text):
    return re.match(r"^\s*OPTIMIZE\b", text, re.IGNORECASE) is not None


def optimize(text, warehouse, defaults):
    """Compacts the named table; returns (columns, rows) of the result."""
    match = _STATEMENT.match(text)
    if match is None:
        raise SQLError("UNSUPPORTED_FEATURE", "0A000", "The stand-in runs only OPTIMIZE <table>.")
    parts = [part.strip("`") for part in match.group("name").split(".")]
    table = exp.Table(this=exp.to_identifier(parts[-1]),
                      db=exp.to_identifier(parts[-2]) if len(parts) > 1 else None,
                      catalog=exp.to_identifier(parts[-3]) if len(parts) > 2 else None)
    delta, path = warehouse.open_table(table, defaults)
    metrics = delta.optimize.compact()
    shown = {key: metrics.get(key) for key in ("numFilesAdded", "numFilesRemoved", "totalConsideredFiles",
                                                "totalFilesSkipped", "numBatches")}
    return [("path", pa.string()), ("metrics", pa.string())], [[path, json.dumps(shown)]]
