#!/usr/bin/env python3
"""Runs the dxrsync binary from a Databricks Python script task, the playbook's way.

Databricks has no task type for a native program, so this wrapper:
  1. finds the binary: the path in DXRSYNC_BINARY (a workspace file or a UC volume path such as
     /Volumes/ops/tools/bin/dxrsync), else `dxrsync` beside this script (shipped by the bundle);
  2. copies it to local disk (workspace files and volumes do not keep the executable bit) and makes
     it executable;
  3. on a cluster, serves the job's SparkSession to the binary over a Unix socket
     (dxrsync_bridge.py, DXRSYNC_SPARK_SOCKET), so the metadata table is written with spark.sql
     under the cluster's identity: no SQL warehouse, token or service principal (METADATA_BACKEND
     spark, the default on a cluster);
  4. serves dbutils.secrets.get on the same socket, so when the binary's configuration names
     DXR_SECRET_SCOPE / DXR_SECRET_KEY (and no DXR_API_TOKEN) it reads the DXR token as the
     playbook did (never on a command line, never printed). The wrapper never reads the job's
     parameters itself: the binary is their one parser;
  5. runs the binary with this task's arguments (for example `sync VOLUME_NAME=docs`, or only the
     playbook's KEY=value parameters, which run `sync`) and environment, its output going straight
     to the task's output as it is written;
  6. exits with its exit code (0 ok, 1 too many files failed, 2 configuration, 3 fatal), so the task
     fails when dxrsync does.

Standard library only (the bridge uses the SparkSession it finds); runs on any Python 3.8+.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile


def wrapper_folder():
    try:
        return os.path.dirname(os.path.abspath(__file__))
    except NameError:  # some Databricks launchers run the file without __file__
        return os.path.dirname(os.path.abspath(sys.argv[0]))


def find_binary():
    configured = os.environ.get("DXRSYNC_BINARY", "").strip()
    candidate = configured or os.path.join(wrapper_folder(), "dxrsync")
    if not os.path.isfile(candidate):
        origin = "DXRSYNC_BINARY" if configured else "the default location beside run_dxrsync.py"
        sys.stderr.write(
            f"run_dxrsync: no dxrsync binary at {candidate} ({origin}). Build it with scripts/build-release.sh "
            "and deploy the bundle, or set DXRSYNC_BINARY to its path.\n")
        sys.exit(2)
    return candidate


def local_copy(source):
    """Copies the binary to local disk (/local_disk0 on Databricks nodes, else the temp folder)."""
    base = "/local_disk0/tmp" if os.path.isdir("/local_disk0") else None
    if base:
        os.makedirs(base, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="dxrsync-", dir=base)
    target = os.path.join(folder, "dxrsync")
    shutil.copyfile(source, target)
    os.chmod(target, 0o755)
    return folder, target


def spark_session():
    """This job's SparkSession: one handed to the script (a notebook's `spark`), the active one, or,
    on a Databricks cluster, the one the builder returns; None off-cluster."""
    given = globals().get("spark")
    if given is not None:
        return given
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    active = SparkSession.getActiveSession()
    if active is not None or "DATABRICKS_RUNTIME_VERSION" not in os.environ:
        return active
    return SparkSession.builder.getOrCreate()


def dbutils_handle(spark):
    """The job's dbutils: one handed to the script, or built from the SparkSession on a cluster."""
    given = globals().get("dbutils")
    if given is not None or spark is None:
        return given
    try:
        from pyspark.dbutils import DBUtils
        return DBUtils(spark)
    except Exception:
        return None


def main():
    arguments = sys.argv[1:]
    spark = spark_session()
    environment = os.environ.copy()
    folder, binary = local_copy(find_binary())
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, folder, True)
        if spark is not None:
            sys.path.insert(0, wrapper_folder())
            from dxrsync_bridge import SparkBridge
            environment["DXRSYNC_SPARK_SOCKET"] = stack.enter_context(SparkBridge(spark, dbutils_handle(spark)))
        sys.stdout.flush()
        sys.stderr.flush()
        # The child writes to this process's standard output and error directly: nothing is
        # buffered here, so progress shows up in the task's output as it happens.
        process = subprocess.Popen([binary] + arguments, env=environment)
        # Pass a stop request on (SIGTERM from a cancelled run): dxrsync finishes in-flight work,
        # records the rest as FAILED and writes the ledger.
        for stop in (signal.SIGTERM, signal.SIGINT):
            signal.signal(stop, lambda number, _frame: process.send_signal(number))
        code = process.wait()
    # A child killed by a signal reports -N; shells report 128+N.
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main())
