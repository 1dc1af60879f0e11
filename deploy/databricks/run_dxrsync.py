#!/usr/bin/env python3
"""Runs the dxrsync binary from a Databricks Python script task.

Databricks has no task type for a native program, so this wrapper:
  1. finds the binary: the path in DXRSYNC_BINARY (a workspace file or a UC volume path such as
     /Volumes/ops/tools/bin/dxrsync), else `dxrsync` beside this script (shipped by the bundle);
  2. copies it to local disk (workspace files and volumes do not keep the executable bit) and makes
     it executable;
  3. runs it with this task's arguments (for example `sync VOLUME_NAME=docs`) and environment, its
     output going straight to the task's output as it is written;
  4. exits with its exit code (0 ok, 1 some files failed, 2 configuration, 3 fatal), so the task
     fails when dxrsync does.

Standard library only; runs on any Python 3.8+.
"""

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


def main():
    folder, binary = local_copy(find_binary())
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        # The child writes to this process's standard output and error directly: nothing is
        # buffered here, so progress shows up in the task's output as it happens.
        process = subprocess.Popen([binary] + sys.argv[1:], env=os.environ.copy())
        # Pass a stop request on (SIGTERM from a cancelled run): dxrsync finishes in-flight work,
        # records the rest as FAILED and writes the ledger.
        for stop in (signal.SIGTERM, signal.SIGINT):
            signal.signal(stop, lambda number, _frame: process.send_signal(number))
        code = process.wait()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # A child killed by a signal reports -N; shells report 128+N.
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main())
