# Databricks notebook source
# Plans the parts of the dxrsync_partitioned job: runs `dxrsync partition` through run_dxrsync.py
# (the binary reads the metadata table with this notebook's Spark session, as a sync does) and hands
# each part's DXRSYNC_PART value to the for-each task as the task value `parts`. A notebook, because
# Databricks documents `dbutils.jobs.taskValues.set` for Python notebooks only
# (https://docs.databricks.com/jobs/task-values.html); a value holds at most 48 KiB of JSON.

import json
import os
import runpy
import sys
import tempfile

TASK_VALUE_LIMIT = 48 * 1024
VARIABLES = ("VOLUME_CATALOG", "VOLUME_SCHEMA", "VOLUME_NAME", "VOLUME_PREFIX", "DXRSYNC_EXCLUDE")


def plan_parts(spark, dbutils, wrapper):
    """Runs the planner and returns the DXRSYNC_PART values, or raises with what to change."""
    for name in ("count",) + VARIABLES:
        dbutils.widgets.text(name, "")
    output = os.path.join(tempfile.mkdtemp(), "parts.json")
    arguments = ["partition", "--count", dbutils.widgets.get("count"), "--output", output]
    arguments += [f"{name}={dbutils.widgets.get(name)}" for name in VARIABLES]
    sys.argv = [wrapper] + arguments
    try:
        runpy.run_path(wrapper, init_globals={"spark": spark, "dbutils": dbutils}, run_name="__main__")
    except SystemExit as stop:
        if stop.code:
            raise RuntimeError(f"dxrsync partition exited with {stop.code}; its output above says why") from None
    with open(output) as file:
        plan = json.load(file)
    values = [part["value"] for part in plan["parts"]]
    size = len(json.dumps(values).encode())
    if size > TASK_VALUE_LIMIT:
        raise RuntimeError(
            f"the {len(values)} parts take {size} bytes of JSON, more than the {TASK_VALUE_LIMIT} a task value "
            "holds: plan fewer parts (part_count)")
    print(f"{len(values)} parts of {plan['scope']}: {plan['files']} files (counted from the {plan['basis']})")
    return values


if __name__ == "__main__":
    dbutils.jobs.taskValues.set(  # noqa: F821 (a notebook's global)
        key="parts",
        value=plan_parts(spark, dbutils, os.path.join(os.getcwd(), "run_dxrsync.py")))  # noqa: F821
