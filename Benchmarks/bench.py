#!/usr/bin/env python3
"""dxrsync benchmarks, run by scripts/bench.sh after the release build.

Every figure is measured in this run, on data generated here, against baselines run here: the
machines are noisy, so only ratios measured side by side mean something. Times are medians of
several rounds where a round is cheap. Peak memory is the maximum resident set of the dxrsync
process alone (VmHWM), with the DXR emulator and the workspace stand-in in their own processes.

    Benchmarks/bench.py --bin .build-release/release [--quick] [--json results.json]
    .build/stand-in-venv/bin/python3 Benchmarks/bench.py --bin .build-release/release --scale 1m
                                                          (not in CI; about 35 minutes)
    .build/stand-in-venv/bin/python3 Benchmarks/bench.py --bin .build-release/release --scale 10m
                                                          (not in CI; about 30 minutes)

--quick shrinks every data set (for a smoke test of the script itself). --scale runs only the
scale run: a volume of 1,000 folders × 1,000 files (or × 100 with 100k), its first sync, a no-op
rerun, report on SQLite, and the same table as a Delta table in the workspace stand-in. --scale
10m runs partitioned no-op syncs instead (PartitionBenchmark, one process per part): a synthetic
volume of 100 × 100 × 1,000 files that exists only in its listing, seeded into SQLite and run in
1, 4 and 16 parts; the data files a partitioned no-op scans in the stand-in's Delta table; and one
part of the --scale 1m tree on disk against its listing.
"""

import argparse
import datetime
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
class PeakMemory:
    """The peak resident set of a child after it exec'd its program: VmHWM from /proc, polled.
    (wait4's ru_maxrss also counts the moment between fork and exec, when the child is a copy of
    this Python process, which can be far larger than the program measured.)"""

    def __init__(self, process, program):
        self.process, self.program, self.peak_kib = process, os.path.realpath(program), 0
        self.thread = threading.Thread(target=self.poll, daemon=True)
        self.thread.start()

    def poll(self):
        status = f"/proc/{self.process.pid}/status"
        while self.process.returncode is None:
            try:
                if os.path.realpath(f"/proc/{self.process.pid}/exe") == self.program:
                    with open(status) as file:
                        found = re.search(r"VmHWM:\s+(\d+) kB", file.read())
                    if found:
                        self.peak_kib = max(self.peak_kib, int(found.group(1)))
            except OSError:
                pass
            time.sleep(0.02)

    def mib(self):
        self.thread.join()
        return self.peak_kib / 1024


def run(command, env=None, cwd=None, check=True):
    """Runs a command; returns (seconds, stdout, stderr, peak RSS in MiB, exit code)."""
    start = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    memory = PeakMemory(process, shutil.which(command[0]) or command[0])
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
    return seconds, out, err, memory.mib() or usage.ru_maxrss / 1024, process.returncode


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


# -- the 1M-file scale run (--scale 1m; not in CI) ---------------------------------------------
SPARK_STAND_IN = os.path.join(REPOSITORY, "Tests", "DatabricksWorkspace", "standin_spark.py")
WRAPPER = os.path.join(REPOSITORY, "deploy", "databricks", "run_dxrsync.py")


def run_with_progress(command, env):
    """Runs a sync, timestamping its progress lines; returns (seconds, stdout, peak MiB, [(t, files)])."""
    start = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    memory = PeakMemory(process, command[0])
    marks, output = [], {}

    def follow():
        for line in process.stderr:
            found = re.search(rb"files (\d+)/\d+", line)
            if found:
                marks.append((time.monotonic() - start, int(found.group(1))))

    reader = threading.Thread(target=follow)
    reader.start()
    drainer = threading.Thread(target=lambda: output.update(out=process.stdout.read()))
    drainer.start()
    _, status, _ = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    drainer.join()
    if process.returncode != 0:
        raise SystemExit(f"sync failed ({process.returncode})")
    return time.monotonic() - start, output["out"].decode(), memory.mib(), marks


def rates(marks):
    """Files per second at the start and at the end of a run: between its first two progress
    lines, and between the two before the last (a line comes every 5 s; the last one comes when
    the run ends, sooner)."""
    if len(marks) < 3:
        return None, None
    def rate(earlier, later):
        return (later[1] - earlier[1]) / (later[0] - earlier[0]) if later[0] > earlier[0] else None
    return rate(marks[0], marks[1]), rate(marks[-3], marks[-2])


def statement(url, token, text, disposition="INLINE", parameters=None, result_format="JSON_ARRAY"):
    """Runs one statement on the stand-in's SQL warehouse and waits for it; returns the response."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    body = {"statement": text, "warehouse_id": "stand-in-warehouse", "wait_timeout": "30s",
            "disposition": disposition, "format": result_format, "parameters": parameters or []}
    request = urllib.request.Request(f"{url}/api/2.0/sql/statements", data=json.dumps(body).encode(),
                                     headers=headers, method="POST")
    with urllib.request.urlopen(request) as answer:
        response = json.load(answer)
    while response["status"]["state"] in ("PENDING", "RUNNING"):
        time.sleep(0.1)
        request = urllib.request.Request(f"{url}/api/2.0/sql/statements/{response['statement_id']}", headers=headers)
        with urllib.request.urlopen(request) as answer:
            response = json.load(answer)
    if response["status"]["state"] != "SUCCEEDED":
        raise SystemExit(f"statement failed: {response['status']}")
    return response


STORED_STATE_COLUMNS = ("t.`file_path`, t.`file_size`, t.`modification_time`, t.`status`, t.`deleted_at`, "
                        "t.`sha256`, t.`classifier_fingerprint`, t.`collected_at`, t.`labels`, t.`annotators`")
SCOPE = "t.`file_path` >= :prefix AND t.`file_path` < :upper AND startswith(t.`file_path`, :prefix)"


def scope_parameters(prefix):
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return [{"name": "prefix", "value": prefix, "type": "STRING"}, {"name": "upper", "value": upper, "type": "STRING"}]


def files_scanned(response):
    """The data files the stand-in counts for a statement (data_skipping.py): (read, read + skipped)."""
    scan = response.get("standin_scan") or {}
    return scan.get("files_read", 0), scan.get("files_read", 0) + scan.get("files_skipped", 0)


def read_keyset(url, token, table, prefix, page_rows):
    """Reads the stored state a page at a time, as dxrsync did before 2026-12-03: INLINE keyset
    pages. Returns (rows, pages, largest page in bytes, data files scanned)."""
    after, rows, pages, largest, scanned = "", 0, 0, 0, 0
    while True:
        response = statement(url, token, (
            f"SELECT {STORED_STATE_COLUMNS} FROM {table} AS t WHERE {SCOPE} AND t.`file_path` > :after "
            f"ORDER BY t.`file_path` LIMIT {page_rows}"),
            parameters=scope_parameters(prefix) + [{"name": "after", "value": after, "type": "STRING"}])
        scanned += files_scanned(response)[0]
        page = response.get("result", {}).get("data_array") or []
        chunk = response.get("result", {}).get("next_chunk_index")
        while chunk is not None:
            request = urllib.request.Request(
                f"{url}/api/2.0/sql/statements/{response['statement_id']}/result/chunks/{chunk}",
                headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(request) as answer:
                more = json.load(answer)
            page += more.get("data_array") or []
            chunk = more.get("next_chunk_index")
        largest = max(largest, len(json.dumps(page)))
        rows += len(page)
        pages += 1
        if len(page) < page_rows:
            return rows, pages, largest, scanned
        after = page[-1][0]


def read_external_links(url, token, table, prefix, parallel):
    """Reads the same columns in one statement with EXTERNAL_LINKS, fetching chunks `parallel` at a
    time. Returns (rows, chunks, data files scanned)."""
    response = statement(url, token, f"SELECT {STORED_STATE_COLUMNS} FROM {table} AS t WHERE {SCOPE} "
                         "ORDER BY t.`file_path`", disposition="EXTERNAL_LINKS", parameters=scope_parameters(prefix))
    total_chunks = response["manifest"]["total_chunk_count"]
    headers = {"Authorization": f"Bearer {token}"}

    def fetch(index):
        request = urllib.request.Request(
            f"{url}/api/2.0/sql/statements/{response['statement_id']}/result/chunks/{index}", headers=headers)
        with urllib.request.urlopen(request) as answer:
            link = json.load(answer)["external_links"][0]
        request = urllib.request.Request(link["external_link"], headers=link.get("http_headers") or {})
        with urllib.request.urlopen(request) as answer:
            return len(json.load(answer))

    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        rows = sum(pool.map(fetch, range(total_chunks)))
    return rows, total_chunks, files_scanned(response)[0]


def logged_reads(log, table, since=0):
    """The stored-state reads in a statement log from line `since` on: (statements, data files
    scanned, the table's data files), and the log's length."""
    with open(log) as file:
        entries = [json.loads(line) for line in file]
    reads = [entry for entry in entries[since:] if f"{table} AS t WHERE" in entry["statement"]
             and "ORDER BY t.`file_path`" in entry["statement"] and entry.get("state") == "SUCCEEDED"]
    scanned = sum(entry.get("files_read", 0) for entry in reads)
    files = max((entry.get("files_read", 0) + entry.get("files_skipped", 0) for entry in reads), default=0)
    return {"statements": len(reads), "files_scanned": scanned, "data_files": files}, len(entries)


def stored_state_read(binary, work, rows, data_files):
    """A run's stored state read back from a Delta table of `rows` rows in `data_files` data files
    (seeded with delta-rs, consecutive paths per file: the best case for skipping), by the store
    (StoreBenchmark read: one EXTERNAL_LINKS statement, a chunk at a time) and by the keyset INLINE
    pages of 50,000 it read before; the stand-in counts the data files each would scan on
    Databricks (data_skipping.py)."""
    warehouse = os.path.join(work, "read-warehouse")
    log = os.path.join(warehouse, "statements.jsonl")
    os.makedirs(os.path.join(warehouse, "bench", "read"))
    prefix = "/Volumes/bench/read/tree/"
    results = {"rows": rows, "data_files": data_files}
    with Server([sys.executable, STAND_IN, "--root", work, "--token", "bench-pat", "--warehouse-root", warehouse,
                 "--statement-log", log, "--exit-with-stdin"]) as stand_in:
        run([os.path.join(binary, "StoreBenchmark"), "delta", stand_in.url, "bench-pat", "stand-in-warehouse",
             "bench", "read", "0"])  # creates the table
        seed = os.path.join(REPOSITORY, "Tests", "DatabricksWorkspace", "seed_table.py")
        run([sys.executable, seed, os.path.join(warehouse, "bench", "read", "bench_metadata"), str(rows),
             prefix + "folder/", str(data_files)])
        _, since = logged_reads(log, "`bench_metadata`")
        seconds, out, _, peak, _ = run([os.path.join(binary, "StoreBenchmark"), "read", stand_in.url, "bench-pat",
                                        "stand-in-warehouse", "bench", "read", "bench_metadata", prefix])
        results["store"] = dict(json.loads(out), process_seconds=seconds, peak_rss_mib=peak,
                                **logged_reads(log, "`bench_metadata`", since)[0])
        assert results["store"]["rows"] == rows, results["store"]
        start = time.monotonic()
        read, pages, largest, scanned = read_keyset(stand_in.url, "bench-pat", "`bench`.`read`.`bench_metadata`",
                                                    prefix, 50_000)
        results["keyset"] = {"seconds": time.monotonic() - start, "rows": read, "statements": pages,
                             "largest_page_bytes": largest, "files_scanned": scanned}
    return results


def seed_delta_from_sqlite(database, table_folder, rows_per_file=200_000, table="tree_metadata"):
    """Copies every row of the SQLite metadata table into the (empty) Delta table, with delta-rs:
    `rows_per_file` rows per commit, each commit one data file of consecutive rows."""
    import sqlite3

    import pyarrow as pa
    from deltalake import DeltaTable, write_deltalake
    schema = pa.schema(DeltaTable(table_folder).schema().to_arrow())
    connection = sqlite3.connect(database)
    names = [field.name for field in schema]
    cursor = connection.execute(f"SELECT {', '.join(names)} FROM {table}")
    copied = 0
    while True:
        rows = cursor.fetchmany(rows_per_file)
        if not rows:
            break
        columns = []
        for position, field in enumerate(schema):
            values = [row[position] for row in rows]
            if pa.types.is_list(field.type):
                values = [json.loads(value) if value else None for value in values]
            elif pa.types.is_timestamp(field.type):
                values = [None if value is None else
                          datetime.datetime.fromisoformat(value.replace("Z", "+00:00")) for value in values]
            columns.append(pa.array(values, field.type))
        write_deltalake(table_folder, pa.Table.from_arrays(columns, schema=schema), mode="append")
        copied += len(rows)
    return copied


def scale(binary, work, files, folders, files_per_job, rounds):
    results = {"files": files, "folders": folders, "files_per_job": files_per_job}
    base = os.path.join(work, "scale")
    root = os.path.join(base, "bench", "scale", "tree")
    start = time.monotonic()
    make_tree(root, files, folders)
    results["generate_seconds"] = time.monotonic() - start
    plan_env = {"PATH": "/usr/bin:/bin", "VOLUME_BASE_PATH": base, "VOLUME_CATALOG": "bench",
                "VOLUME_SCHEMA": "scale", "VOLUME_NAME": "tree"}
    listings = [run([os.path.join(binary, "dxrsync"), "plan", "--json"], env=plan_env) for _ in range(rounds)]
    assert json.loads(listings[0][1])["files"] == files
    results["listing"] = {"seconds": median([entry[0] for entry in listings]),
                          "peak_rss_mib": max(entry[3] for entry in listings)}

    database = os.path.join(work, "scale.sqlite")
    datasources = [str(i) for i in range(1, 5)]
    with emulator(binary, 0.05, datasources) as server:
        env = sync_environment(base, ("bench", "scale", "tree"), server.url, datasources, database, {
            "DXR_MAX_FILES_PER_JOB": str(files_per_job), "DXR_MAX_BYTES_PER_JOB": "64MiB",
            "DXR_MAX_CONCURRENT_JOBS": "4", "DXR_POLL_INTERVAL_SECONDS": "0.5"})
        print(f"    first sync of {files:,} files", file=sys.stderr, flush=True)
        seconds, summary, peak, marks = run_with_progress([os.path.join(binary, "dxrsync"), "sync"], env)
        assert uploaded(summary) == files, summary
        first_rate, last_rate = rates(marks)
        results["first_sync"] = {"seconds": seconds, "peak_rss_mib": peak, "files_per_second_start": first_rate,
                                 "files_per_second_end": last_rate, "files_per_second": files / seconds}
        noops = []
        for _ in range(rounds):
            seconds, summary, _, peak, _ = run([os.path.join(binary, "dxrsync"), "sync"], env=env)
            assert uploaded(summary) == 0, summary
            noops.append((seconds, peak))
        results["noop"] = {"seconds": median([entry[0] for entry in noops]),
                           "peak_rss_mib": max(entry[1] for entry in noops)}
        results["noop"]["ratio"] = results["noop"]["seconds"] / results["listing"]["seconds"]

    report_env = dict(plan_env, METADATA_SQLITE_PATH=database)
    seconds, out, _, peak, _ = run([os.path.join(binary, "dxrsync"), "report", "--json"], env=report_env)
    assert json.loads(out)["files"] == files
    results["report_sqlite"] = {"seconds": seconds, "peak_rss_mib": peak}
    page = os.path.join(work, "report.html")
    seconds, _, _, peak, _ = run([os.path.join(binary, "dxrsync"), "report", "--html", page], env=report_env)
    results["report_html_sqlite"] = {"seconds": seconds, "peak_rss_mib": peak, "bytes": os.path.getsize(page)}

    results["delta"] = scale_delta(binary, work, base, database, files, rounds)
    shutil.rmtree(base, ignore_errors=True)
    return results


def scale_delta(binary, work, base, database, files, rounds):
    """The same table as a Delta table in the workspace stand-in (seeded with delta-rs from the
    SQLite rows): a no-op sync reads the stored state in one statement, streamed, through the SQL
    warehouse and through the Spark bridge (the stand-in counts the data files each would scan on
    Databricks); report in SQL; and two ways of reading every row outside dxrsync."""
    results = {"rows": files}
    warehouse = os.path.join(work, "scale-warehouse")
    os.makedirs(os.path.join(warehouse, "bench", "scale"))
    log, bridge_log = os.path.join(work, "scale-statements.jsonl"), os.path.join(work, "scale-bridge.jsonl")
    with Server([sys.executable, STAND_IN, "--root", base, "--token", "bench-pat", "--warehouse-root", warehouse,
                 "--statement-log", log, "--exit-with-stdin"]) as stand_in:
        delta_env = {"PATH": "/usr/bin:/bin", "HOME": work, "VOLUME_BASE_PATH": base, "VOLUME_CATALOG": "bench",
                     "VOLUME_SCHEMA": "scale", "VOLUME_NAME": "tree", "DATABRICKS_HOST": stand_in.url,
                     "DATABRICKS_TOKEN": "bench-pat", "DATABRICKS_WAREHOUSE_ID": "stand-in-warehouse"}
        run([os.path.join(binary, "dxrsync"), "report", "--json"], env=delta_env)  # creates the tables
        start = time.monotonic()
        results["seeded"] = seed_delta_from_sqlite(database, os.path.join(warehouse, "bench", "scale", "tree_metadata"))
        results["seed_seconds"] = time.monotonic() - start
        datasources = [str(i) for i in range(1, 5)]
        with emulator(binary, 0.05, datasources) as server:
            env = dict(delta_env, DXR_BASE_URL=server.url, DXR_API_TOKEN=TOKEN,
                       DXR_DATASOURCE_ID=",".join(datasources))
            _, since = logged_reads(log, "`tree_metadata`")
            seconds, summary, _, peak, _ = run([os.path.join(binary, "dxrsync"), "sync"], env=env)
            assert uploaded(summary) == 0, summary
            results["noop_warehouse"] = dict({"seconds": seconds, "peak_rss_mib": peak},
                                             **logged_reads(log, "`tree_metadata`", since)[0])
            spark_env = {key: value for key, value in env.items()
                         if not key.startswith("DATABRICKS_")}
            spark_env.update(METADATA_BACKEND="spark", DXRSYNC_BINARY=os.path.join(binary, "dxrsync"))
            seconds, summary, _, _, _ = run([sys.executable, SPARK_STAND_IN, "--warehouse-root", warehouse,
                                             "--statement-log", bridge_log, "--", "sync"], env=spark_env)
            assert uploaded(summary) == 0, summary
            results["noop_spark_bridge"] = dict({"seconds": seconds}, **logged_reads(bridge_log, "`tree_metadata`")[0])
        seconds, out, _, peak, _ = run([os.path.join(binary, "dxrsync"), "report", "--json"], env=delta_env)
        assert json.loads(out)["files"] == files
        results["report"] = {"seconds": seconds, "peak_rss_mib": peak}
        table = "`bench`.`scale`.`tree_metadata`"
        start = time.monotonic()
        rows, pages, largest, scanned = read_keyset(stand_in.url, "bench-pat", table, "/Volumes/bench/scale/tree/",
                                                    50_000)
        results["read_keyset"] = {"seconds": time.monotonic() - start, "rows": rows, "pages": pages,
                                  "largest_page_bytes": largest, "files_scanned": scanned}
        start = time.monotonic()
        rows, chunks, scanned = read_external_links(stand_in.url, "bench-pat", table, "/Volumes/bench/scale/tree/", 4)
        results["read_external_links"] = {"seconds": time.monotonic() - start, "rows": rows, "chunks": chunks,
                                          "files_scanned": scanned}
    return results


# -- partitioned runs over a synthetic volume (--scale 10m; not in CI) -------------------------
def partition_benchmark(binary, command, *arguments):
    return [os.path.join(binary, "PartitionBenchmark"), command, *arguments]


def tree_arguments(tree):
    return ["--tree", tree, "--seed", "42"]


def tree_files(tree):
    tops, subs, files = (int(count) for count in tree.split("x"))
    return tops * subs * files


def plan_parts(binary, store, tree, counts):
    """Plans the parts for each count with PartitionPlan.make (PartitionBenchmark plan): {count:
    (plan, seconds)}, and the planning process's peak memory."""
    _, out, _, peak, _ = run(partition_benchmark(binary, "plan", *store, *tree_arguments(tree),
                                                 "--counts", ",".join(str(count) for count in counts)))
    plans = {}
    for line in out.splitlines():
        entry = json.loads(line)
        plans[entry["count"]] = (entry["plan"], entry["seconds"])
    return plans, peak


def run_parts(binary, work, plan, store, dxr, tree, log=None, table="`tree_metadata`"):
    """Runs each part of `plan` as a no-op sync in a process of its own, one after the other, and
    checks that the parts listed every file of the tree exactly once (each part's bitmap of the
    files it listed, put together). With a stand-in statement log, also the stored-state
    statements each part sent and the Delta data files they scanned."""
    parts, covered, overlap = [], 0, 0
    for index, part in enumerate(plan["parts"]):
        bitmap = os.path.join(work, f"part-{index}.bitmap")
        since = logged_reads(log, table)[1] if log else 0
        seconds, out, _, peak, _ = run(partition_benchmark(binary, "part", *store, *dxr, *tree_arguments(tree),
                                                           "--part", part["value"], "--bitmap", bitmap))
        result = json.loads(out)
        counts = result["summary"]["counts"]
        assert counts["submitted"] == 0 and counts["new"] == 0 and counts["gone"] == 0, counts
        assert counts["unchanged"] == counts["listed"] == result["listed"], counts
        with open(bitmap, "rb") as file:
            listed = int.from_bytes(file.read(), "little")
        os.remove(bitmap)
        overlap += (covered & listed).bit_count()
        covered |= listed
        entry = {"value": part["value"], "selections": result["selections"], "planned_files": part["files"],
                 "listed": result["listed"], "listed_twice": result["listed_twice"], "seconds": seconds,
                 "run_seconds": result["seconds"], "list_seconds": result["list_seconds"], "peak_rss_mib": peak,
                 "reads": result["store"]["reads"], "pages": result["store"]["pages"],
                 "rows_read": result["store"]["rows"], "read_seconds": result["store"]["read_seconds"],
                 "writes": result["store"]["writes"], "ledger_writes": result["store"]["ledger_writes"]}
        if log:
            entry["delta"] = logged_reads(log, table, since)[0]
        parts.append(entry)
    files = tree_files(tree)
    listed = sum(part["listed"] for part in parts)
    assert listed == files and covered.bit_count() == files and overlap == 0, (listed, covered.bit_count(), overlap)
    return {"parts": parts, "listed": listed, "covered": covered.bit_count(), "overlap": overlap}


def partitions_sqlite(binary, work, dxr, tree, counts):
    """The synthetic tree seeded into SQLite (every file classified under the emulator's rules),
    planned for each count, and each plan's parts run as no-op syncs."""
    database = os.path.join(work, "partitions.sqlite")
    store = ["--sqlite", database]
    print(f"    seeding {tree_files(tree):,} rows", file=sys.stderr, flush=True)
    seconds, out, _, peak, _ = run(partition_benchmark(binary, "seed", *store, *dxr, *tree_arguments(tree)))
    results = {"tree": tree, "files": tree_files(tree), "seed": dict(json.loads(out), process_seconds=seconds),
               "database_bytes": os.path.getsize(database), "runs": {}}
    print("    planning", file=sys.stderr, flush=True)
    plans, results["plan_peak_rss_mib"] = plan_parts(binary, store, tree, counts)
    for count in counts:
        plan, plan_seconds = plans[count]
        print(f"    {len(plan['parts'])} parts", file=sys.stderr, flush=True)
        results["runs"][count] = dict(run_parts(binary, work, plan, store, dxr, tree), plan_seconds=plan_seconds)
    os.remove(database)
    return results


def partitions_delta(binary, work, dxr, tree, counts, rows_per_file, scope=("bench", "scale", "tree")):
    """The same on the stand-in's Delta engine: the synthetic tree's rows copied into a Delta table
    in data files of `rows_per_file` consecutive paths (the layout that lets Delta skip the most),
    the parts planned from the table, each run as a no-op sync; the stand-in counts the data files
    each stored-state statement would scan on Databricks. What Delta can skip depends on the first
    32 characters of the paths (its string statistics), so on the length of `/Volumes/<scope>/`."""
    catalog, schema, volume = scope
    name = f"{volume}_metadata"
    names = ["--catalog", catalog, "--schema", schema, "--volume", volume]
    database = os.path.join(work, "partitions-delta.sqlite")
    run(partition_benchmark(binary, "seed", "--sqlite", database, *names, *dxr, *tree_arguments(tree)))
    warehouse = os.path.join(work, "partitions-warehouse")
    os.makedirs(os.path.join(warehouse, catalog, schema))
    log = os.path.join(work, "partitions-statements.jsonl")
    results = {"tree": tree, "rows": tree_files(tree), "rows_per_file": rows_per_file,
               "scope": f"/Volumes/{catalog}/{schema}/{volume}/", "runs": {}}
    with Server([sys.executable, STAND_IN, "--root", work, "--token", "bench-pat", "--warehouse-root", warehouse,
                 "--statement-log", log, "--exit-with-stdin"]) as stand_in:
        store = ["--workspace", stand_in.url, "--pat", "bench-pat", "--warehouse", "stand-in-warehouse", *names]
        run(partition_benchmark(binary, "plan", *store, *tree_arguments(tree), "--counts", "1"))  # creates the tables
        start = time.monotonic()
        results["seeded"] = seed_delta_from_sqlite(database, os.path.join(warehouse, catalog, schema, name),
                                                   rows_per_file, name)
        results["seed_seconds"] = time.monotonic() - start
        os.remove(database)
        for count in counts:
            _, since = logged_reads(log, f"`{name}`")
            plans, _ = plan_parts(binary, store, tree, [count])
            plan, plan_seconds = plans[count]
            planning, _ = logged_reads(log, f"`{name}`", since)
            print(f"    {len(plan['parts'])} parts on Delta ({results['scope']})", file=sys.stderr, flush=True)
            result = run_parts(binary, work, plan, store, dxr, tree, log=log, table=f"`{name}`")
            result["plan"] = dict(planning, seconds=plan_seconds)
            result["data_files"] = max(part["delta"]["data_files"] for part in result["parts"])
            result["files_scanned"] = sum(part["delta"]["files_scanned"] for part in result["parts"])
            result["statements"] = sum(part["delta"]["statements"] for part in result["parts"])
            results["runs"][count] = result
    shutil.rmtree(warehouse, ignore_errors=True)
    os.remove(log)
    return results


def partitions_disk(binary, work, server_url, datasources, files, folders, rounds):
    """One part (the plan `dxrsync partition --count 1` makes) of a real tree on disk, the same tree
    as --scale 1m, its table seeded from a listing: the no-op sync against the listing (`plan
    --json`), rounds interleaved, as the scale run measures the unpartitioned one."""
    base = os.path.join(work, "partitions-disk")
    root = os.path.join(base, "bench", "scale", "tree")
    print(f"    writing {files:,} files", file=sys.stderr, flush=True)
    make_tree(root, files, folders)
    database = os.path.join(work, "partitions-disk.sqlite")
    run(partition_benchmark(binary, "seed", "--sqlite", database, "--local", root, "--dxr", server_url,
                            "--token", TOKEN))
    env = sync_environment(base, ("bench", "scale", "tree"), server_url, datasources, database, {
        "DXR_MAX_FILES_PER_JOB": "500", "DXR_MAX_BYTES_PER_JOB": "64MiB", "DXR_MAX_CONCURRENT_JOBS": "4",
        "DXR_POLL_INTERVAL_SECONDS": "0.5"})
    plan = json.loads(run([os.path.join(binary, "dxrsync"), "partition", "--count", "1", "--json"], env=env)[1])
    value = plan["parts"][0]["value"]
    plan_env = {key: env[key] for key in ("PATH", "VOLUME_BASE_PATH", "VOLUME_CATALOG", "VOLUME_SCHEMA", "VOLUME_NAME")}
    listings, noops = [], []
    for _ in range(rounds):
        seconds, out, _, peak, _ = run([os.path.join(binary, "dxrsync"), "plan", "--json"], env=plan_env)
        assert json.loads(out)["files"] == files
        listings.append((seconds, peak))
        seconds, summary, _, peak, _ = run([os.path.join(binary, "dxrsync"), "sync"], env=dict(env, DXRSYNC_PART=value))
        assert uploaded(summary) == 0 and f"unchanged {files}" in summary, summary
        noops.append((seconds, peak))
    shutil.rmtree(base, ignore_errors=True)
    os.remove(database)
    listing = median([entry[0] for entry in listings])
    noop = median([entry[0] for entry in noops])
    return {"files": files, "part": value, "rounds": rounds, "listing_seconds": listing, "noop_seconds": noop,
            "ratio": noop / listing, "listing_peak_rss_mib": max(entry[1] for entry in listings),
            "noop_peak_rss_mib": max(entry[1] for entry in noops)}


def partitions(binary, work, quick, which):
    """--scale 10m, one step of three (each runs alone with --only partitions-sqlite, -delta or
    -disk), against an emulator of its own: `sqlite`, a synthetic volume of 100 × 100 × 1,000 files
    in 1, 4 and 16 parts; `delta`, 100 × 100 × 100 files in 1 and 4 parts on the stand-in's Delta
    engine; `disk`, one part of the --scale 1m tree on disk against its listing. --quick shrinks
    each (to check the script)."""
    datasources = [str(i) for i in range(1, 5)]
    with emulator(binary, 0, datasources) as server:
        dxr = ["--dxr", server.url, "--token", TOKEN, "--datasources", ",".join(datasources)]
        if which == "sqlite":
            return partitions_sqlite(binary, work, dxr, "10x10x100" if quick else "100x100x1000", [1, 4, 16])
        if which == "delta":
            # What a statement scans depends on the table's layout (40 data files of consecutive
            # paths either way), not on its rows: 1M rows under a 26-character volume path, where
            # Delta's 32-character statistics of file_path still tell top folders apart, and
            # 10,000 rows under a 32-character one, where only those of path_key do.
            return [
                partitions_delta(binary, work, dxr, "10x10x20" if quick else "100x100x100", [1, 4],
                                 50 if quick else 25_000),
                partitions_delta(binary, work, dxr, "10x2x10" if quick else "100x10x10", [1, 4], 5 if quick else 250,
                                 ("main", "finance", "documents")),
            ]
        return partitions_disk(binary, work, server.url, datasources, 10_000 if quick else 1_000_000,
                               100 if quick else 1_000, 3)


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
    if "read" in results:
        r = results["read"]
        st, keyset = r["store"], r["keyset"]
        row(f"read {r['rows']:,} stored states from {r['data_files']} data files (stand-in), the store: one "
            "EXTERNAL_LINKS statement, a chunk at a time",
            f"{st['seconds']:.1f} s, {st['peak_rss_mib']:.0f} MiB, {st['chunks']} chunks; "
            f"{st['files_scanned']} data files scanned in {st['statements']} statement(s)",
            f"keyset INLINE pages of 50,000: {keyset['seconds']:.1f} s, {keyset['files_scanned']} data files scanned "
            f"in {keyset['statements']} statements; target ≤ 2x the table's files",
            f"{st['files_scanned'] / max(1, keyset['files_scanned']):.2f}x the files",
            st["files_scanned"] <= 2 * r["data_files"])
    if "scale" in results:
        lines += scale_report(results["scale"])
    if any(name.startswith("partitions-") for name in results):
        lines += partitions_report(results)
        lines += ["", partitions_detail(results)]
    return "\n".join(lines)


def scale_report(sc):
    lines = []

    def row(name, measured, baseline, ratio, ok):
        verdict = "" if ok is None else ("met" if ok else "MISSED")
        lines.append(f"| {name} | {measured} | {baseline} | {ratio} | {verdict} |")

    n = f"{sc['files']:,}"
    row(f"scale: list {n} files / {sc['folders']:,} folders (plan --json)", f"{sc['listing']['seconds']:.1f} s",
        f"{sc['listing']['peak_rss_mib']:.0f} MiB resident", "", None)
    first = sc["first_sync"]
    start, end = first["files_per_second_start"] or 0, first["files_per_second_end"] or 0
    row(f"scale: first sync of {n} files, {sc['files_per_job']} files per job (SQLite)",
        f"{first['seconds']:.0f} s, {first['files_per_second']:.0f} files/s",
        f"first 5 s {start:.0f} files/s, last 5 s {end:.0f} files/s; {first['peak_rss_mib']:.0f} MiB",
        f"{end / start:.2f} end/start" if start else "", None)
    noop = sc["noop"]
    row(f"scale: no-op rerun of {n} files (SQLite)", f"{noop['seconds']:.1f} s, {noop['peak_rss_mib']:.0f} MiB",
        "≤ 2.5x the listing, < 300 MiB", f"{noop['ratio']:.2f}x", noop["ratio"] <= 2.5 and noop["peak_rss_mib"] < 300)
    rep = sc["report_sqlite"]
    row(f"scale: report --json on {n} SQLite rows", f"{rep['seconds']:.1f} s, {rep['peak_rss_mib']:.0f} MiB",
        "seconds, < 100 MiB", "", rep["peak_rss_mib"] < 100)
    html = sc["report_html_sqlite"]
    row(f"scale: report --html on {n} SQLite rows", f"{html['seconds']:.1f} s, {html['peak_rss_mib']:.0f} MiB",
        f"seconds, < 100 MiB; page {html['bytes'] / 1024:.0f} KiB", "", html["peak_rss_mib"] < 100)
    delta = sc["delta"]
    warehouse_run, bridge_run = delta["noop_warehouse"], delta["noop_spark_bridge"]
    row(f"scale: no-op rerun, {delta['rows']:,}-row Delta table through the SQL warehouse (stand-in)",
        f"{warehouse_run['seconds']:.1f} s, {warehouse_run['peak_rss_mib']:.0f} MiB; stored state "
        f"{warehouse_run['files_scanned']} data files scanned of {warehouse_run['data_files']}",
        "< 300 MiB", "", warehouse_run["peak_rss_mib"] < 300)
    row(f"scale: no-op rerun, {delta['rows']:,}-row Delta table through the Spark bridge (stand-in)",
        f"{bridge_run['seconds']:.1f} s; stored state {bridge_run['files_scanned']} data files scanned of "
        f"{bridge_run['data_files']}",
        f"{delta['rows'] / bridge_run['seconds']:,.0f} rows/s end to end", "", None)
    row(f"scale: report --json on the {delta['rows']:,}-row Delta table (stand-in)",
        f"{delta['report']['seconds']:.1f} s, {delta['report']['peak_rss_mib']:.0f} MiB", "within the limits", "",
        delta["report"]["peak_rss_mib"] < 100)
    keyset, links = delta["read_keyset"], delta["read_external_links"]
    row(f"scale: read {keyset['rows']:,} stored states, keyset INLINE pages of 50,000",
        f"{keyset['seconds']:.1f} s in {keyset['pages']} statements, {keyset['files_scanned']} data files scanned",
        f"largest page {keyset['largest_page_bytes'] / MIB:.1f} MiB of JSON (limit 25 MiB)", "", None)
    row(f"scale: read {links['rows']:,} stored states, one EXTERNAL_LINKS statement, 4 chunks at a time",
        f"{links['seconds']:.1f} s in {links['chunks']} chunks, {links['files_scanned']} data files scanned", "",
        f"{links['seconds'] / keyset['seconds']:.2f}x keyset",
        None)
    return lines


def partitions_report(p):
    lines = []

    def row(name, measured, baseline, ratio, ok):
        verdict = "" if ok is None else ("met" if ok else "MISSED")
        lines.append(f"| {name} | {measured} | {baseline} | {ratio} | {verdict} |")

    sq = p.get("partitions-sqlite", {"runs": {}})
    for result in sq["runs"].values():
        parts = result["parts"]
        largest = max(parts, key=lambda part: part["peak_rss_mib"])
        slowest = max(parts, key=lambda part: part["seconds"])
        row(f"partitions: {sq['files']:,} synthetic files ({sq['tree']}) in {len(parts)} part(s), SQLite no-op",
            f"peak {largest['peak_rss_mib']:.0f} MiB (part {parts.index(largest) + 1}, {largest['listed']:,} files); "
            f"listing ≤ {max(part['list_seconds'] for part in parts):.1f} s; slowest part {slowest['seconds']:.1f} s; "
            f"all parts {sum(part['seconds'] for part in parts):.1f} s",
            f"{result['listed']:,} listed, {result['covered']:,} distinct, {result['overlap']} twice; "
            f"{sum(part['reads'] for part in parts)} stored-state reads, {sum(part['pages'] for part in parts)} pages, "
            f"{sum(part['rows_read'] for part in parts):,} rows read; planned in {result['plan_seconds']:.1f} s",
            f"{sum(part['rows_read'] for part in parts) / sq['files']:.2f}x rows read per file",
            largest["peak_rss_mib"] < 300 if len(parts) >= 16 else None)
    for delta in p.get("partitions-delta", []):
        for result in delta["runs"].values():
            parts = result["parts"]
            ratio = result["files_scanned"] / max(1, result["data_files"])
            row(f"partitions: no-op of a {delta['rows']:,}-row Delta table under {delta['scope']} (stand-in) in "
                f"{len(parts)} part(s)",
                f"{result['statements']} stored-state statements, {result['files_scanned']} data files scanned "
                f"(slowest part {max(part['seconds'] for part in parts):.0f} s); planning "
                f"{result['plan']['statements']} statement, {result['plan']['files_scanned']} files",
                f"the table's {result['data_files']} data files; target ≤ 2x", f"{ratio:.2f}x", ratio <= 2)
    disk = p.get("partitions-disk")
    if disk:
        row(f"partitions: 1 part ({disk['part']}) no-op of {disk['files']:,} files on disk (SQLite)",
            f"{disk['noop_seconds']:.1f} s, {disk['noop_peak_rss_mib']:.0f} MiB",
            f"listing {disk['listing_seconds']:.1f} s; target ≤ 2.29x (2026-12-01)", f"{disk['ratio']:.2f}x",
            disk["ratio"] <= 2.29)
    return lines


def partitions_detail(p):
    """One line per part of each synthetic SQLite run."""
    runs = p.get("partitions-sqlite", {"runs": {}})["runs"]
    lines = ["| parts | part | selections | files listed | listing | run | peak RSS | stored-state reads | pages | "
             "rows read |", "|---|---|---|---|---|---|---|---|---|---|"] if runs else []
    for result in runs.values():
        for index, part in enumerate(result["parts"]):
            lines.append(f"| {len(result['parts'])} | {index + 1} | {part['selections']} | {part['listed']:,} | "
                         f"{part['list_seconds']:.2f} s | {part['seconds']:.1f} s | {part['peak_rss_mib']:.0f} MiB | "
                         f"{part['reads']} | {part['pages']} | {part['rows_read']:,} |")
    for delta in p.get("partitions-delta", []):
        for result in delta["runs"].values():
            lines.append("")
            lines.append(f"Delta under {delta['scope']}, {len(result['parts'])} part(s): " + "; ".join(
                f"part {index + 1}: {part['delta']['statements']} statements, {part['delta']['files_scanned']} files, "
                f"{part['seconds']:.1f} s" for index, part in enumerate(result["parts"])))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="folder holding the release dxrsync, StoreBenchmark and "
                        "PartitionBenchmark")
    parser.add_argument("--quick", action="store_true", help="small data sets, to check the script")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--only", action="append", help="run only this benchmark (repeatable; scan runs first when "
                        "incremental needs it)")
    parser.add_argument("--scale", choices=["1m", "100k", "10m"], help="only the scale run: 1,000 folders of 1,000 "
                        "files (1m), or of 100 (100k); about 35 minutes for 1m, not run in CI. 10m: partitioned "
                        "runs over a synthetic volume of 10,000,000 files (1, 4 and 16 parts; with --quick, 10,000)")
    args = parser.parse_args()
    if args.scale:
        try:
            import deltalake  # noqa: F401 (the Delta part seeds the stand-in's table with delta-rs)
        except ImportError:
            parser.error("--scale needs the workspace stand-in's Python environment, which the tests create: "
                         "run it as .build/stand-in-venv/bin/python3 Benchmarks/bench.py ...")
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
            ("read", lambda: stored_state_read(binary, work, 20_000 if quick else 1_000_000, 8 if quick else 40)),
        ]
        if args.scale == "10m":
            steps = [(f"partitions-{which}", lambda which=which: partitions(binary, work, quick, which))
                     for which in ("sqlite", "delta", "disk")]
        elif args.scale:
            files = 1_000_000 if args.scale == "1m" else 100_000
            steps = [("scale", lambda: scale(binary, work, files, 1_000, 500, 2))]
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
