#!/usr/bin/env python3
"""Serves the real Spark bridge (deploy/databricks/dxrsync_bridge.py) over the stand-in's Spark
session (standin_spark.py), without the wrapper or the binary, so a test can talk to it with
dxrsync's SparkBridge client directly. Prints "socket <path>" once it listens, and exits when its
standard input closes.

    standin_bridge.py --warehouse-root DIR [--statement-log LOG]
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "deploy", "databricks"))

from dxrsync_bridge import SparkBridge  # noqa: E402
from sql_warehouse import Warehouse  # noqa: E402
from standin_spark import StandInSparkSession  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse-root", required=True)
    parser.add_argument("--statement-log", help="append one JSON line per statement here")
    args = parser.parse_args()
    spark = StandInSparkSession(Warehouse(args.warehouse_root), args.statement_log)
    with SparkBridge(spark) as socket_path:
        print(f"socket {socket_path}", flush=True)
        sys.stdin.buffer.read()
    os._exit(0)  # skip delta-rs's runtime teardown (see standin_spark.py)


if __name__ == "__main__":
    main()
