#!/usr/bin/env python3
"""Appends rows to an existing metadata table with delta-rs, fast, for tests that need a large table
to read (writing it through the SQL warehouse is tested elsewhere and would take minutes).

    seed_table.py <table folder> <count> <path prefix> [<data files>]

Row i has file_path "<prefix><i, 6 digits>.txt", file_size 42, modification_time 1700000000 and
status CLASSIFIED and, when the table has the column, the path_key dxrsync writes (the path after
/Volumes/<catalog>/<schema>/); the other columns are NULL. With <data files> (default 1) the rows are appended
in that many commits of consecutive paths, one data file each.
"""

import os
import re
import sys

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake


def path_key(file_path):
    """MetadataSchema.pathKey(of:): the path after /Volumes/<catalog>/<schema>/, or ""."""
    match = re.match(r"^/Volumes/[^/]*/[^/]*/(.*)$", file_path)
    return match.group(1) if match else ""


def main():
    folder, count, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    files = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    schema = pa.schema(DeltaTable(folder).schema().to_arrow())
    bounds = [count * part // files for part in range(files + 1)]
    for start, end in zip(bounds, bounds[1:]):
        rows = end - start
        values = {
            "file_path": [f"{prefix}{index:06d}.txt" for index in range(start, end)],
            "file_size": [42] * rows,
            "modification_time": [1_700_000_000] * rows,
            "status": ["CLASSIFIED"] * rows,
        }
        values["path_key"] = [path_key(path) for path in values["file_path"]]
        columns = [pa.array(values[field.name], field.type) if field.name in values else pa.nulls(rows, field.type)
                   for field in schema]
        write_deltalake(folder, pa.Table.from_arrays(columns, schema=schema), mode="append")
    sys.stdout.flush()
    os._exit(0)  # skip delta-rs's runtime teardown (see read_delta_table.py)


if __name__ == "__main__":
    main()
