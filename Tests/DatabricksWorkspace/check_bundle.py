#!/usr/bin/env python3
"""Reads a databricks.yml and prints what the Swift tests check, as JSON.

Each job under resources.jobs goes through the typed classes of `databricks-bundles`
(`Job.from_dict`), which refuse unknown or misspelt keys. Printed: the variables (with their
descriptions and defaults), the targets, and per job the files it references (paths relative to
the bundle), its clusters' environment, every task's parameters, the schedule's pause status and
notifications; and any error.
"""

import json
import os
import sys

import yaml
from databricks.bundles.jobs import Job


def main():
    path = sys.argv[1]
    with open(path) as file:
        bundle = yaml.safe_load(file)
    facts = {"variables": {}, "errors": [], "targets": [], "jobs": {}}
    for name, variable in (bundle.get("variables") or {}).items():
        facts["variables"][name] = {"description": variable.get("description"), "default": variable.get("default")}
    facts["targets"] = sorted((bundle.get("targets") or {}).keys())
    facts["sync_include"] = (bundle.get("sync") or {}).get("include", [])
    for job_name, job in ((bundle.get("resources") or {}).get("jobs") or {}).items():
        try:
            Job.from_dict(job)
        except (ValueError, TypeError) as error:
            facts["errors"].append(f"job {job_name}: {error}")
        found = {"files": [], "environment": {}, "parameters": {},
                 "paused": (job.get("schedule") or {}).get("pause_status"),
                 "notifications": (job.get("email_notifications") or {}).get("on_failure", [])}
        for cluster in job.get("job_clusters", []):
            found["environment"].update(cluster["new_cluster"].get("spark_env_vars") or {})
        tasks = list(job.get("tasks", []))
        while tasks:
            task = tasks.pop(0)
            if task.get("for_each_task"):
                found["for_each_inputs"] = task["for_each_task"].get("inputs")
                tasks.append(task["for_each_task"]["task"])
            python = task.get("spark_python_task")
            if python:
                found["files"].append(python["python_file"])
                found["parameters"][task["task_key"]] = python.get("parameters", [])
        facts["jobs"][job_name] = found
    json.dump(facts, sys.stdout)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
