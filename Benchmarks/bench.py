#!/usr/bin/env python3
"""dxrsync benchmarks, run by scripts/bench.sh after the release build.

Every figure is measured in this run, on data generated here, against baselines run here: the
machines are noisy, so only ratios measured side by side mean something. Times are medians of
several rounds where a round is cheap. Peak memory is the maximum resident set of the dxrsync
process alone (wait4), with the DXR emulator and the workspace stand-in in their own processes.

    Benchmarks/bench.py --bin .build-release/release [--quick] [--json results.json]

--quick shrinks every data set (for a smoke test of the script itself).
"""

import argparse
import json
import math
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAND_IN = os.path.join(REPOSITORY, "Tests", "DatabricksWorkspace", "workspace_server.py")
TOKEN = "bench-token"
MIB = 1024 * 1024


# -- processes ---------------------------------------------------------------------------------
def run(command, env=None, cwd=None, check=True):
    """Runs a command; returns (seconds, stdout, stderr, peak RSS in MiB, exit code)."""
    start = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read both pipes on threads while waiting, so a chatty child never blocks.
    outputs = {}

    def drain(name, stream):
        outputs[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(name, stream))
               for name, stream in (("out", process.stdout), ("err", process.stderr))]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - start
    for reader in readers:
        reader.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    out, err = outputs["out"].decode(errors="replace"), outputs["err"].decode(errors="replace")
    if check and process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed ({process.returncode}):\n{err[-2000:]}")
    return seconds, out, err, usage.ru_maxrss / 1024, process.returncode


class Server:
    """A server child process that prints its URL first; killed on exit (SIGKILL: a SIGTERM may be ignored)."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        stdin=subprocess.PIPE)
        line = self.process.stdout.readline().decode()
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not found:
            self.stop()
            raise SystemExit(f"server did not start: {' '.join(command[:2])}: {line}")
        self.url = found.group(0)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop()


def emulator(binary, job_latency, datasources):
    return Server([os.path.join(binary, "dxrsync"), "emulate-dxr", "--port", "0", "--token", TOKEN,
                   "--datasource", ",".join(datasources), "--job-latency", str(job_latency)])


def median(values):
    return statistics.median(values)


# -- data --------------------------------------------------------------------------------------
def make_tree(root, files, folders, content=lambda i: "x" * (i % 100)):
    for folder in range(folders):
        os.makedirs(os.path.join(root, f"d{folder // 100:02d}", f"folder-{folder:04d}"), exist_ok=True)
    for index in range(files):
        folder = index % folders
        with open(os.path.join(root, f"d{folder // 100:02d}", f"folder-{folder:04d}", f"file-{index:06d}.txt"),
                  "w") as out:
            out.write(content(index))


def sync_environment(base, volume, url, datasources, database, extra=None):
    catalog, schema, name = volume
    environment = {
        "PATH": "/usr/bin:/bin", "HOME": base,
        "VOLUME_BASE_PATH": base, "VOLUME_CATALOG": catalog, "VOLUME_SCHEMA": schema, "VOLUME_NAME": name,
        "DXR_BASE_URL": url, "DXR_API_TOKEN": TOKEN, "DXR_DATASOURCE_ID": ",".join(datasources),
        "METADATA_SQLITE_PATH": database,
    }
    environment.update(extra or {})
    return environment


def uploaded(summary):
    found = re.search(r"uploaded (\d+) files", summary)
    return int(found.group(1)) if found else -1


# -- benchmarks --------------------------------------------------------------------------------
def scan(binary, work, files, folders, rounds):
    base = os.path.join(work, "scan")
    root = os.path.join(base, "bench", "scan", "tree")
    make_tree(root, files, folders)
    env = {"PATH": "/usr/bin:/bin", "VOLUME_BASE_PATH": base, "VOLUME_CATALOG": "bench", "VOLUME_SCHEMA": "scan",
           "VOLUME_NAME": "tree"}
    walker = ("import os,sys\nn=0\nfor d,_,fs in os.walk(sys.argv[1]):\n for f in fs:\n"
              "  s=os.stat(os.path.join(d,f));n+=1\nprint(n)")
    listed = json.loads(run([os.path.join(binary, "dxrsync"), "plan", "--json"], env=env)[1])["files"]
    assert listed == files, f"dxrsync listed {listed} files, expected {files}"
    times = {"find": [], "dxrsync": [], "python": []}
    for _ in range(rounds):
        times["find"].append(run(["find", root, "-type", "f", "-printf", "%s %T@ %P\n"])[0])
        times["dxrsync"].append(run([os.path.join(binary, "dxrsync"), "plan", "--json"], env=env)[0])
        times["python"].append(run([sys.executable, "-c", walker, root])[0])
    result = {name: median(values) for name, values in times.items()}
    return {"files": files, "folders": folders, "rounds": rounds, "seconds": result,
            "ratio_find": result["dxrsync"] / result["find"], "ratio_python": result["dxrsync"] / result["python"],
            "base": base}


def incremental(binary, work, scan_result, rounds):
    base = scan_result["base"]
    database = os.path.join(work, "noop.sqlite")
    datasources = [str(i) for i in range(1, 5)]
    with emulator(binary, 0.05, datasources) as server:
        env = sync_environment(base, ("bench", "scan", "tree"), server.url, datasources, database, {
            "DXR_MAX_FILES_PER_JOB": "1000", "DXR_MAX_BYTES_PER_JOB": "64MiB", "DXR_MAX_CONCURRENT_JOBS": "4",
            "DXR_POLL_INTERVAL_SECONDS": "0.5"})
        first, summary, _, _, _ = run([os.path.join(binary, "dxrsync"), "sync"], env=env)
        assert uploaded(summary) == scan_result["files"], summary
        times = []
        for _ in range(rounds):
            seconds, summary, _, _, _ = run([os.path.join(binary, "dxrsync"), "sync"], env=env)
            assert uploaded(summary) == 0, summary
            times.append(seconds)
    noop = median(times)
    return {"first_sync_seconds": first, "noop_seconds": noop, "listing_seconds": scan_result["seconds"]["dxrsync"],
            "ratio": noop / scan_result["seconds"]["dxrsync"], "uploads": 0}


def write_file(path, size):
    block = random.Random(size).randbytes(MIB)
    with open(path, "wb") as out:
        remaining = size
        while remaining > 0:
            out.write(block[:min(MIB, remaining)])
            remaining -= MIB


def memory(binary, work, sizes_mib):
    base = os.path.join(work, "memory")
    volume = os.path.join(base, "bench", "memory", "large")
    os.makedirs(volume)
    for index, size in enumerate(sizes_mib):
        write_file(os.path.join(volume, f"file-{index}-{size}MiB.bin"), size * MIB)
    with open(os.path.join(volume, "contact.txt"), "w") as out:
        out.write("mail avery@example.com\n")
    total = sum(sizes_mib) * MIB
    results = {"bytes": total, "largest_mib": max(sizes_mib)}
    datasources = ["1", "2"]
    budget = {"DXR_MAX_BYTES_PER_JOB": f"{max(sizes_mib) + 1}MiB", "DXR_MAX_CONCURRENT_JOBS": "2",
              "DXR_POLL_INTERVAL_SECONDS": "0.5"}
    with emulator(binary, 0.1, datasources) as server:
        env = sync_environment(base, ("bench", "memory", "large"), server.url, datasources,
                               os.path.join(work, "memory-local.sqlite"), budget)
        seconds, summary, _, peak, _ = run([os.path.join(binary, "dxrsync"), "sync"], env=env)
        assert uploaded(summary) == len(sizes_mib) + 1, summary
        results["local"] = {"seconds": seconds, "peak_rss_mib": peak}
        with Server([sys.executable, STAND_IN, "--root", base, "--token", "bench-pat", "--exit-with-stdin"]) as stand_in:
            env = sync_environment(base, ("bench", "memory", "large"), server.url, datasources,
                                   os.path.join(work, "memory-files-api.sqlite"),
                                   dict(budget, VOLUME_SOURCE="files-api", DATABRICKS_HOST=stand_in.url,
                                        DATABRICKS_TOKEN="bench-pat"))
            seconds, summary, _, peak, _ = run([os.path.join(binary, "dxrsync"), "sync"], env=env)
            assert uploaded(summary) == len(sizes_mib) + 1, summary
            results["files_api"] = {"seconds": seconds, "peak_rss_mib": peak}
    shutil.rmtree(base)
    return results


def throughput(binary, work, files, files_per_job, latency, concurrency_levels):
    base = os.path.join(work, "throughput")
    make_tree(os.path.join(base, "bench", "tp", "small"), files, 50,
              content=lambda i: f"row {i}: contact person{i}@example.com\n" if i % 10 == 0 else f"row {i}\n")
    datasources = [str(i) for i in range(1, 17)]
    jobs = math.ceil(files / files_per_job)
    results = {"files": files, "jobs": jobs, "latency": latency, "runs": {}}
    with emulator(binary, latency, datasources) as server:
        for k in concurrency_levels:
            env = sync_environment(base, ("bench", "tp", "small"), server.url, datasources,
                                   os.path.join(work, f"throughput-{k}.sqlite"), {
                                       "DXR_MAX_FILES_PER_JOB": str(files_per_job), "DXR_MAX_CONCURRENT_JOBS": str(k),
                                       "DXR_POLL_INTERVAL_SECONDS": "10"})
            seconds, summary, _, _, _ = run([os.path.join(binary, "dxrsync"), "sync"], env=env)
            assert uploaded(summary) == files, summary
            ideal = math.ceil(jobs / k) * latency
            results["runs"][k] = {"seconds": seconds, "ideal": ideal, "ratio": seconds / ideal}
        folder = os.path.join(base, "bench", "tp", "small")
        start = time.monotonic()
        classified = playbook_schedule(server.url, folder, datasources, files_per_job)
        results["playbook"] = {"seconds": time.monotonic() - start, "classified": classified}
    best = min(results["runs"].values(), key=lambda run_: run_["seconds"])
    results["playbook"]["ratio_to_best"] = results["playbook"]["seconds"] / best["seconds"]
    return results


def playbook_schedule(url, folder, datasources, files_per_job):
    """The playbook's schedule: submit every batch (one request after another), then poll each
    job in turn, sleeping a fixed 10 s between polls, then read each job's hits."""
    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs)
    batches = [paths[i:i + files_per_job] for i in range(0, len(paths), files_per_job)]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    jobs = []
    for index, batch in enumerate(batches):
        datasource = datasources[index % len(datasources)]
        boundary = uuid.uuid4().hex
        body = bytearray()
        for path in batch:
            body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
                     f"filename=\"{uuid.uuid4().hex[:8]}_{os.path.basename(path)}\"\r\n"
                     "Content-Type: application/octet-stream\r\n\r\n").encode()
            with open(path, "rb") as source:
                body += source.read()
            body += b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            f"{url}/api/on-demand-classifiers/{datasource}/jobs", data=bytes(body), method="POST",
            headers=dict(headers, **{"Content-Type": f"multipart/form-data; boundary={boundary}"}))
        with urllib.request.urlopen(request) as answer:
            jobs.append((datasource, json.load(answer)["id"]))
    classified = 0
    for datasource, job in jobs:
        while True:
            request = urllib.request.Request(f"{url}/api/on-demand-classifiers/{datasource}/jobs/{job}",
                                             headers=headers)
            with urllib.request.urlopen(request) as answer:
                status = json.load(answer)
            state = status["state"]["value"] if isinstance(status["state"], dict) else status["state"]
            if state in ("FINISHED", "FAILED"):
                break
            time.sleep(10)
        scan_id = status.get("datasourceScanId")
        page = 0
        while True:
            query = {"mode": "DXR_JSON_QUERY", "datasourceIds": [datasource], "pageNumber": page, "pageSize": 500,
                     "filter": {"query_items": [{"parameter": "dxr#datasource_scan_id", "value": scan_id,
                                                 "type": "number", "match_strategy": "exact", "operator": "AND",
                                                 "group_id": 0, "group_order": 0}]}}
            request = urllib.request.Request(f"{url}/api/indexed-files/search", data=json.dumps(query).encode(),
                                             method="POST", headers=dict(headers, **{"Content-Type": "application/json"}))
            with urllib.request.urlopen(request) as answer:
                hits = json.load(answer)["hits"]["hits"]
            classified += len(hits)
            if len(hits) < 500:
                break
            page += 1
    return classified


def store(binary, work, rows):
    results = {"rows": rows}
    _, out, _, _, _ = run([os.path.join(binary, "StoreBenchmark"), "sqlite", os.path.join(work, "store.sqlite"),
                           str(rows)])
    results["sqlite"] = json.loads(out)
    warehouse = os.path.join(work, "warehouse")
    log = os.path.join(warehouse, "statements.jsonl")
    os.makedirs(os.path.join(warehouse, "bench", "store"))
    with Server([sys.executable, STAND_IN, "--root", work, "--token", "bench-pat", "--warehouse-root", warehouse,
                 "--statement-log", log, "--exit-with-stdin"]) as stand_in:
        _, out, _, _, _ = run([os.path.join(binary, "StoreBenchmark"), "delta", stand_in.url, "bench-pat",
                               "stand-in-warehouse", "bench", "store", str(rows)])
    results["delta"] = json.loads(out)
    with open(log) as file:
        entries = [json.loads(line) for line in file]
    merges = [entry for entry in entries if entry["kind"] == "MERGE" and "`bench_metadata` AS t" in entry["statement"]]
    results["delta"]["merges"] = len(merges)
    results["delta"]["warehouse_seconds"] = round(sum(entry["seconds"] for entry in merges), 3)
    return results


# -- report ------------------------------------------------------------------------------------
def report(results):
    lines = ["| benchmark | measured | baseline / target | ratio | verdict |", "|---|---|---|---|---|"]

    def row(name, measured, baseline, ratio, ok):
        lines.append(f"| {name} | {measured} | {baseline} | {ratio} | {'met' if ok else 'MISSED'} |")

    if "scan" in results:
        s = results["scan"]
        row(f"scan {s['files']:,} files / {s['folders']:,} folders (median of {s['rounds']})",
            f"{s['seconds']['dxrsync'] * 1000:.0f} ms",
            f"find -printf {s['seconds']['find'] * 1000:.0f} ms; target ≤ 1.5x", f"{s['ratio_find']:.2f}x",
            s["ratio_find"] <= 1.5)
        row("scan vs the playbook's os.walk + os.stat", f"{s['seconds']['dxrsync'] * 1000:.0f} ms",
            f"Python {s['seconds']['python'] * 1000:.0f} ms; target < 1x", f"{s['ratio_python']:.2f}x",
            s["ratio_python"] < 1)
    if "incremental" in results:
        n = results["incremental"]
        row("incremental no-op sync (0 uploads)", f"{n['noop_seconds']:.2f} s",
            f"listing {n['listing_seconds']:.2f} s; target ≤ 2.5x", f"{n['ratio']:.2f}x", n["ratio"] <= 2.5)
    if "memory" in results:
        m = results["memory"]
        for source in ("local", "files_api"):
            row(f"peak memory, {m['bytes'] / MIB / 1024:.1f} GiB (largest {m['largest_mib']} MiB), {source} source",
                f"{m[source]['peak_rss_mib']:.0f} MiB in {m[source]['seconds']:.1f} s", "target < 100 MiB", "",
                m[source]["peak_rss_mib"] < 100)
    if "throughput" in results:
        t = results["throughput"]
        for k, run_ in t["runs"].items():
            target = int(k) >= 4
            row(f"throughput {t['files']:,} files, {t['jobs']} jobs, latency {t['latency']} s, K={k}",
                f"{run_['seconds']:.1f} s", f"ideal {run_['ideal']:.0f} s" + ("; target ≤ 1.25x" if target else ""),
                f"{run_['ratio']:.2f}x", run_["ratio"] <= 1.25 or not target)
        p = t["playbook"]
        row("the playbook's schedule (submit all, poll each in turn every 10 s)", f"{p['seconds']:.1f} s",
            "best dxrsync run above", f"{p['ratio_to_best']:.2f}x slower", True)
    if "store" in results:
        st = results["store"]
        row(f"store {st['rows']:,} rows into SQLite", f"{st['sqlite']['seconds']:.2f} s", "target < 5 s", "",
            st["sqlite"]["seconds"] < 5)
        row(f"store {st['rows']:,} rows into the stand-in's Delta table", f"{st['delta']['seconds']:.1f} s "
            f"({st['delta']['warehouse_seconds']:.1f} s in the warehouse)", "target ≤ 100 MERGEs",
            f"{st['delta']['merges']} MERGEs", st["delta"]["merges"] <= 100)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="folder holding the release dxrsync and StoreBenchmark")
    parser.add_argument("--quick", action="store_true", help="small data sets, to check the script")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--only", action="append", help="run only this benchmark (repeatable; scan runs first when "
                        "incremental needs it)")
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    quick = args.quick
    work = tempfile.mkdtemp(prefix="dxrsync-bench-")
    results = {"machine": {"cores": os.cpu_count(), "uname": " ".join(os.uname()[0:3] + os.uname()[4:5])}}
    started = time.monotonic()
    try:
        steps = [
            ("scan", lambda: scan(binary, work, 2_000 if quick else 100_000, 20 if quick else 1_000, 3 if quick else 7)),
            ("incremental", lambda: incremental(binary, work, results["scan"], 3)),
            ("memory", lambda: memory(binary, work, [8, 4] if quick else [512, 448, 384, 320, 256, 128])),
            ("throughput", lambda: throughput(binary, work, 500 if quick else 5_000, 50 if quick else 250,
                                              0.5 if quick else 2, [1, 4, 16])),
            ("store", lambda: store(binary, work, 2_000 if quick else 100_000)),
        ]
        wanted = set(args.only or [name for name, _ in steps])
        if "incremental" in wanted:
            wanted.add("scan")
        for name, step in steps:
            if name not in wanted:
                continue
            print(f"==> {name}", file=sys.stderr, flush=True)
            results[name] = step()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if "scan" in results:
        results["scan"].pop("base", None)
    results["seconds"] = round(time.monotonic() - started, 1)
    print(report(results))
    print(f"\n(benchmarks took {results['seconds']:.0f} s on {results['machine']['cores']} cores)")
    if args.json:
        with open(args.json, "w") as file:
            json.dump(results, file, indent=2, sort_keys=True)


if __name__ == "__main__":
    main()
