#!/usr/bin/env python3
"""CPU per request of several warm nodes, side by side in one run (loopback only).

Each side is a running node (bench/server.sh with its own BENCH_DIR): its URL, the pid of its JVM and a writer
token. The sides are loaded in turn, in a rotating order per round (A B C, B C A, ...), so each round compares
them under about the same machine load; what is compared is the CPU the node's JVM (and its MariaDB) spent per
request, which a shared machine disturbs less than wall-clock throughput.

Scenarios per round and side:
  byid    wrk -t2 -c64 for --duration s on GET /brands/{id} (ids 1..1000, seeded first): JVM ms per 1000 requests
  ingest  --sales sales of the last 30 minutes in batches of 1000 on 4 connections (load_sales.py, exact
          totals checked): JVM and MariaDB ms per 1000 sales, and sales/s

  python3 bench/cpu_ab.py --side before=http://127.0.0.1:18181,bench/.data-before/server.pid,$TOKEN_A \
      --side after=... --rounds 5 --out DIR
Writes DIR/runs.tsv (every run, with the load average before it) and DIR/summary.md (medians per side and the
median of each round's ratio to the first side).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid):
    """User + system CPU of a process, in ms."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 // CLK_TCK


def mariadb_pid(pid):
    out = subprocess.run(["pgrep", "-P", str(pid), "mariadbd"], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def seed_brands(url, token):
    """Makes sure brands 1..1000 exist (GET by id draws from them); 409 for ones that exist already."""
    for i in range(1, 1001):
        body = json.dumps({"name": f"Seed Brand {i:04d}", "country": "DE"}).encode()
        req = urllib.request.Request(url + "/brands", data=body, method="POST", headers={
            "Content-Type": "application/json", "Authorization": "Bearer " + token})
        try:
            urllib.request.urlopen(req, timeout=10).read()
        except urllib.error.HTTPError as e:
            if e.code != 409:
                raise


def run_byid(side, duration):
    url, pid = side["url"], side["pid"]
    before = cpu_ms(pid)
    out = subprocess.run(["wrk", "-t2", "-c64", f"-d{duration}s", "-s", os.path.join(HERE, "wrk/brand_by_id.lua"),
                          url], capture_output=True, text=True, check=True).stdout
    used = cpu_ms(pid) - before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{side['name']}: {non2xx.group(1)} answers were not 2xx")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"jvm_ms_per_1000": used * 1000 / requests, "per_s": rps, "db_ms_per_1000": 0.0}


def seed_catalogue(side):
    """Creates (or finds) load_sales.py's catalogue, with a first small set of sales."""
    env = dict(os.environ, BRANDSTATS_TOKEN=side["token"])
    subprocess.run([sys.executable, os.path.join(HERE, "load_sales.py"), "--url", side["url"], "--sales", "1000",
                    "--run", f"cpuab-seed-{os.getpid()}", "--live-minutes", "30"], capture_output=True, env=env,
                   check=True)


def run_ingest(side, sales, run_id):
    url, pid = side["url"], side["pid"]
    db = mariadb_pid(pid)
    before, db_before = cpu_ms(pid), cpu_ms(db) if db else 0
    env = dict(os.environ, BRANDSTATS_TOKEN=side["token"])
    out = subprocess.run([sys.executable, os.path.join(HERE, "load_sales.py"), "--url", url, "--sales", str(sales),
                          "--run", run_id, "--threads", "4", "--reuse-catalogue", "--pregenerate",
                          "--live-minutes", "30"], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"{side['name']}: load_sales.py failed:\n{out.stdout}\n{out.stderr}")
    used, db_used = cpu_ms(pid) - before, (cpu_ms(db) - db_before) if db else 0
    rate = re.search(r"posted \d+ sales in [\d.]+s: (\d+) sales/s", out.stdout + out.stderr)
    return {"jvm_ms_per_1000": used * 1000 / sales, "db_ms_per_1000": db_used * 1000 / sales,
            "per_s": float(rate.group(1)) if rate else 0.0}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--side", action="append", required=True, help="name=URL,PID_FILE,TOKEN (first = reference)")
    ap.add_argument("--scenarios", default="byid,ingest")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--duration", type=int, default=10, help="seconds of wrk per byid run")
    ap.add_argument("--sales", type=int, default=50000, help="sales per ingest run")
    ap.add_argument("--warmup", type=int, default=2, help="unrecorded rounds first (the JIT)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    sides = []
    for spec in args.side:
        name, rest = spec.split("=", 1)
        url, pid_file, token = rest.split(",", 2)
        if not re.match(r"^http://(127\.0\.0\.1|localhost)(:\d+)?$", url):
            raise SystemExit("loopback URLs only: " + url)
        with open(pid_file) as f:
            sides.append({"name": name, "url": url, "pid": int(f.read().strip()), "token": token})
    os.makedirs(args.out, exist_ok=True)
    scenarios = args.scenarios.split(",")
    for side in sides:
        if "byid" in scenarios:
            seed_brands(side["url"], side["token"])
        if "ingest" in scenarios:
            seed_catalogue(side)
    results = {(s["name"], sc): [] for s in sides for sc in scenarios}
    with open(os.path.join(args.out, "runs.tsv"), "w") as tsv:
        tsv.write("round\tscenario\tside\tloadavg\tjvm_ms_per_1000\tdb_ms_per_1000\tper_s\n")
        for rnd in range(-args.warmup, args.rounds):
            order = sides[rnd % len(sides):] + sides[:rnd % len(sides)]
            for scenario in scenarios:
                for side in order:
                    la = loadavg()
                    if scenario == "byid":
                        r = run_byid(side, args.duration)
                    else:
                        r = run_ingest(side, args.sales, f"cpuab-{os.getpid()}-{rnd + args.warmup}")
                    tsv.write(f"{rnd}\t{scenario}\t{side['name']}\t{la}\t{r['jvm_ms_per_1000']:.1f}\t"
                              f"{r['db_ms_per_1000']:.1f}\t{r['per_s']:.0f}\n")
                    tsv.flush()
                    print(f"round {rnd} {scenario} {side['name']}: {r} (load {la})", flush=True)
                    if rnd >= 0:
                        results[(side["name"], scenario)].append(r)
    ref = sides[0]["name"]
    lines = [f"| scenario | side | JVM ms per 1000 (median) | MariaDB ms per 1000 | per s (median) | "
             f"median round ratio of JVM CPU to {ref} |", "| --- | --- | --- | --- | --- | --- |"]
    for scenario in scenarios:
        for side in sides:
            runs = results[(side["name"], scenario)]
            ratios = [r["jvm_ms_per_1000"] / b["jvm_ms_per_1000"]
                      for r, b in zip(runs, results[(ref, scenario)])]
            lines.append(f"| {scenario} | {side['name']} | {statistics.median(r['jvm_ms_per_1000'] for r in runs):.1f} | "
                         f"{statistics.median(r['db_ms_per_1000'] for r in runs):.1f} | "
                         f"{statistics.median(r['per_s'] for r in runs):.0f} | {statistics.median(ratios):.3f} |")
    summary = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write(summary)
    print(summary)


if __name__ == "__main__":
    main()
