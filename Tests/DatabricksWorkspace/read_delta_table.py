#!/usr/bin/env python3
"""Prints a Delta table read with delta-rs as one JSON object: {"columns": [...], "rows": [{...}]}.
Timestamps are ISO-8601 text, arrays JSON arrays. Used by the Swift tests to check what landed."""

import json
import os
import sys

from deltalake import DeltaTable

from delta_types import plain


def main():
    table = DeltaTable(sys.argv[1]).to_pyarrow_table()
    rows = [{name: plain(value) for name, value in row.items()} for row in table.to_pylist()]
    json.dump({"columns": table.column_names, "rows": rows}, sys.stdout)
    sys.stdout.flush()
    # Skip interpreter teardown: delta-rs's runtime threads have been seen to abort the process
    # ("terminate called without an active exception") while it shuts down, after the output.
    os._exit(0)


if __name__ == "__main__":
    main()
