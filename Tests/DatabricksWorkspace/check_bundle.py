#!/usr/bin/env python3
"""Reads a databricks.yml (and the files it includes) and prints what the Swift tests check, as JSON.

Each job under resources.jobs goes through the typed classes of `databricks-bundles`
(`Job.from_dict`), each dashboard through `Dashboard.from_dict` and each alert through
`Alert.from_dict`; they refuse unknown or misspelt keys. A dashboard's `.lvdash.json` is checked
against the shape a 2026 workspace reads, on the 12-column canvas (lvdash.py). Every `${var.…}`
the files use must be a declared variable. Printed: the variables (with their descriptions and
defaults), the targets, the includes, per job the files it references (paths relative to the
bundle), its clusters' environment, every task's parameters, the schedule's pause status and
notifications; per dashboard its file and its datasets' queries; per alert its query and the column
it reads; and any error.
"""

import glob
import json
import os
import re
import sys

import yaml
from databricks.bundles.alerts import Alert
from databricks.bundles.dashboards import Dashboard
from databricks.bundles.jobs import Job

from lvdash import problems as dashboard_problems


def job_facts(job):
    found = {"files": [], "environment": {}, "parameters": {}, "depends_on": {}, "task_environment": {},
             "notebook_parameters": {}, "task_clusters": {},
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
        found["depends_on"][task["task_key"]] = [item["task_key"] for item in task.get("depends_on") or []]
        if task.get("new_cluster"):
            found["task_environment"][task["task_key"]] = task["new_cluster"].get("spark_env_vars") or {}
        found["task_clusters"][task["task_key"]] = (
            "own" if task.get("new_cluster") else task.get("job_cluster_key") or "none")
        notebook = task.get("notebook_task")
        if notebook:
            found["files"].append(notebook["notebook_path"])
            found["notebook_parameters"][task["task_key"]] = {
                key: str(value) for key, value in (notebook.get("base_parameters") or {}).items()}
        python = task.get("spark_python_task")
        if python:
            found["files"].append(python["python_file"])
            found["parameters"][task["task_key"]] = python.get("parameters", [])
    return found


def main():
    path = sys.argv[1]
    root = os.path.dirname(os.path.abspath(path))
    with open(path) as file:
        bundle = yaml.safe_load(file)
    facts = {"variables": {}, "errors": [], "targets": [], "jobs": {}, "dashboards": {}, "alerts": {},
             "include": bundle.get("include") or []}
    declared = bundle.get("variables") or {}
    for name, variable in declared.items():
        facts["variables"][name] = {"description": variable.get("description"), "default": variable.get("default")}
    facts["targets"] = sorted((bundle.get("targets") or {}).keys())
    facts["sync_include"] = (bundle.get("sync") or {}).get("include", [])

    documents = [(path, bundle)]
    for pattern in facts["include"]:
        matches = sorted(glob.glob(os.path.join(root, pattern)))
        if not matches:
            facts["errors"].append(f"include {pattern} matches no file")
        for included in matches:
            with open(included) as file:
                documents.append((included, yaml.safe_load(file)))

    for document_path, document in documents:
        with open(document_path) as file:
            for reference in set(re.findall(r"\$\{var\.([A-Za-z0-9_]+)\}", file.read())):
                if reference not in declared:
                    facts["errors"].append(f"{os.path.basename(document_path)}: ${{var.{reference}}} is not declared")
        resources = document.get("resources") or {}
        for job_name, job in (resources.get("jobs") or {}).items():
            try:
                Job.from_dict(job)
            except (ValueError, TypeError) as error:
                facts["errors"].append(f"job {job_name}: {error}")
            facts["jobs"][job_name] = job_facts(job)
        for name, dashboard in (resources.get("dashboards") or {}).items():
            try:
                Dashboard.from_dict(dashboard)
            except (ValueError, TypeError) as error:
                facts["errors"].append(f"dashboard {name}: {error}")
            file_path = os.path.join(os.path.dirname(document_path), dashboard.get("file_path", ""))
            found = {"file": os.path.relpath(file_path, root), "datasets": {}}
            if not os.path.isfile(file_path):
                facts["errors"].append(f"dashboard {name}: no file {found['file']}")
            else:
                with open(file_path) as file:
                    content = json.load(file)
                facts["errors"] += [f"dashboard {name}: {problem}" for problem in dashboard_problems(content)]
                for dataset in content.get("datasets", []):
                    found["datasets"][dataset.get("name")] = "".join(dataset.get("queryLines", []))
            facts["dashboards"][name] = found
        for name, alert in (resources.get("alerts") or {}).items():
            try:
                Alert.from_dict(alert)
            except (ValueError, TypeError) as error:
                facts["errors"].append(f"alert {name}: {error}")
            evaluation = alert.get("evaluation") or {}
            facts["alerts"][name] = {
                "query": alert.get("query_text"), "column": (evaluation.get("source") or {}).get("name"),
                "destinations": [s.get("destination_id") for s in
                                 ((evaluation.get("notification") or {}).get("subscriptions") or [])],
                "warehouse_id": alert.get("warehouse_id")}
    json.dump(facts, sys.stdout)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
