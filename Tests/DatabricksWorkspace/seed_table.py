#!/usr/bin/env python3
"""Appends rows to an existing metadata table with delta-rs, fast, for tests that need a large table
to read (writing it through the SQL warehouse is tested elsewhere and would take minutes).

    seed_table.py <table folder> <count> <path prefix>

Row i has file_path "<prefix><i, 6 digits>.txt", file_size 42, modification_time 1700000000 and
status CLASSIFIED; the other columns are NULL.
"""

import os
import sys

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake


def main():
    folder, count, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    schema = pa.schema(DeltaTable(folder).schema().to_arrow())
    values = {
        "file_path": [f"{prefix}{index:06d}.txt" for index in range(count)],
        "file_size": [42] * count,
        "modification_time": [1_700_000_000] * count,
        "status": ["CLASSIFIED"] * count,
    }
    columns = [pa.array(values[field.name], field.type) if field.name in values else pa.nulls(count, field.type)
               for field in schema]
    write_deltalake(folder, pa.Table.from_arrays(columns, schema=schema), mode="append")
    sys.stdout.flush()
    os._exit(0)  # skip delta-rs's runtime teardown (see read_delta_table.py)


if __name__ == "__main__":
    main()
