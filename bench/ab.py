#!/usr/bin/env python3
"""Brandstats through its gateway (B) against the bare Vert.x baseline (A), measured in the same run.

For each scenario: one warm-up run of each side (not reported), then ROUNDS rounds; each round runs A
then B (odd rounds) or B then A (even rounds), each a bounded `wrk --latency` run, and records the
1-minute load average (`/proc/loadavg`, as `uptime` shows it) just before every run. The machine is
shared, so figures are compared as medians, and as the median of the per-round ratios B/A (each ratio
taken from two runs seconds apart, under about the same load).

Scenarios (name: Brandstats request / baseline request):
  byid    GET /brands/{random 1..BENCH_MAX_ID}          / the same on the baseline
  page    GET /brands?limit=20                           / the same
  create  POST /brands (unique names)                    / the same
  product POST /products (brand check from cache)        / POST /brands on the baseline (nearest bare write)
  summary GET /stats/summary (30 days)                   / GET /brands/{id} on the baseline (a bare read)
  series  GET /stats/brands/{id}?interval=day (90 days)  / GET /brands/{id} on the baseline
  summary1, top1, series1   statistics with one filter (brand; country; channel)  / GET /brands/{id} on the baseline
  summary2, top2            statistics with two filters (category and country, year-ago; brand and channel)

Only loopback targets. Writes runs.tsv (every run) and summary.md (medians, ratios, targets) into --out.

  python3 bench/ab.py --gateway http://127.0.0.1:18181 --baseline http://127.0.0.1:18280 \
      --scenarios byid,page,create --rounds 5 --duration 10 --out bench/.results/x
"""

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
LUA = os.path.join(HERE, "wrk")

# ratio targets (throughput B/A) and the p99 bound for reads, from bench/README.md
TARGETS = {"byid": 0.85, "page": 0.80, "create": 0.75}
P99_READ_MS = 10.0
P50_STATS_MS = 5.0


def scenarios(brand_id, end_date):
    to = end_date.isoformat()
    from30 = (end_date - dt.timedelta(days=29)).isoformat()
    from90 = (end_date - dt.timedelta(days=89)).isoformat()
    by_id = ("script", "brand_by_id.lua", "/brands/1")
    create = ("script", "brand_create.lua", "/brands")
    return {
        "byid": ("GET /brands/{id}", by_id, by_id),
        "page": ("GET /brands?limit=20", ("path", "/brands?limit=20"), ("path", "/brands?limit=20")),
        "create": ("POST /brands", create, create),
        "product": ("POST /products (brand from cache)", ("script", "product_create.lua", "/products"), create),
        "summary": ("GET /stats/summary 30 days", ("path", f"/stats/summary?from={from30}&to={to}"), by_id),
        "series": (f"GET /stats/brands/{brand_id} 90 days by day",
                   ("path", f"/stats/brands/{brand_id}?from={from90}&to={to}&interval=day"), by_id),
        # Statistics with one filter, and with two (each against the baseline's bare GET by id).
        "summary1": (f"GET /stats/summary 30 days, brandId={brand_id}",
                     ("path", f"/stats/summary?from={from30}&to={to}&brandId={brand_id}"), by_id),
        "top1": ("GET /stats/top products 30 days, country=DE",
                 ("path", f"/stats/top?dimension=products&from={from30}&to={to}&country=DE"), by_id),
        "series1": (f"GET /stats/brands/{brand_id} 90 days by day, channel=online",
                    ("path", f"/stats/brands/{brand_id}?from={from90}&to={to}&interval=day&channel=online"), by_id),
        "summary2": ("GET /stats/summary 30 days, category=tents & country=DE, compare=year",
                     ("path", f"/stats/summary?from={from30}&to={to}&category=tents&country=DE&compare=year"), by_id),
        "top2": (f"GET /stats/top stores 30 days, brandId={brand_id} & channel=retail",
                 ("path", f"/stats/top?dimension=stores&from={from30}&to={to}&brandId={brand_id}&channel=retail"),
                 by_id),
    }


def to_ms(text):
    m = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text)
    if not m:
        return float("nan")
    v, unit = float(m.group(1)), m.group(2)
    return {"us": v / 1000, "ms": v, "s": v * 1000, "m": v * 60000}[unit]


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


RUN_SEQ = [0]


def wrk(base, spec, args, seconds, env):
    kind = spec[0]
    # every wrk run writes names/skus of its own: <run>-<n>-<thread>-<counter>
    RUN_SEQ[0] += 1
    env = dict(env, BENCH_RUN=f"{env['BENCH_RUN']}-{RUN_SEQ[0]}")
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if kind == "script":
        cmd += ["-s", os.path.join(LUA, spec[1]), base + spec[2]]
    else:
        cmd += [base + spec[1]]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=seconds + 60).stdout
    r = {"p50": float("nan"), "p90": float("nan"), "p99": float("nan"), "rps": 0.0, "non2xx": 0, "errors": "", "requests": 0}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in ("50%", "90%", "99%"):
            r["p" + parts[0][:-1]] = to_ms(parts[1])
        elif line.startswith("Requests/sec:"):
            r["rps"] = float(parts[1])
        elif "Non-2xx or 3xx responses:" in line:
            r["non2xx"] = int(parts[-1])
        elif "Socket errors:" in line:
            r["errors"] = line.split(":", 1)[1].strip()
        elif "requests in" in line:
            r["requests"] = int(parts[0])
    return r, out


def seed_brands(base, count):
    """Makes sure brands "Seed Brand 0001".."Seed Brand <count>" exist (409 = there already); returns the highest id."""
    import http.client
    import json
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30)
    headers = {"Content-Type": "application/json"}
    if os.environ.get("BRANDSTATS_TOKEN"):
        headers["Authorization"] = "Bearer " + os.environ["BRANDSTATS_TOKEN"]
    for i in range(1, count + 1):
        body = json.dumps({"name": f"Seed Brand {i:04d}", "country": "DE"})
        conn.request("POST", "/brands", body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        if resp.status not in (201, 409):
            raise SystemExit(f"seeding brands: POST /brands answered {resp.status}")
    conn.request("GET", f"/brands?q=Seed%20Brand%20{count:04d}&limit=1")
    resp = conn.getresponse()
    items = json.loads(resp.read())["items"]
    conn.close()
    return items[0]["id"]


def med(xs):
    xs = [x for x in xs if x == x]
    return statistics.median(xs) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gateway", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--scenarios", default="byid,page,create")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    ap.add_argument("--warmup", type=int, default=20,
                    help="seconds of warm-up per side and scenario (the JIT needs tens of seconds of load)")
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--brand-id", type=int, default=1, help="brand of the series scenario")
    ap.add_argument("--end-date", help="last day of the statistics windows (default today UTC)")
    ap.add_argument("--seed-brands", type=int, default=1000,
                    help="brands that must exist before byid runs; byid draws ids from 1..(id of the last one)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    for base in (args.gateway, args.baseline):
        if urllib.parse.urlsplit(base).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit(f"refusing a non-loopback target: {base}")
    os.makedirs(args.out, exist_ok=True)
    end_date = dt.date.fromisoformat(args.end_date) if args.end_date else dt.datetime.now(dt.timezone.utc).date()
    defs = scenarios(args.brand_id, end_date)
    env = dict(os.environ)
    if "byid" in args.scenarios.split(",") or "summary" in args.scenarios or "series" in args.scenarios \
            or "top" in args.scenarios:
        env["BENCH_MAX_ID"] = str(seed_brands(args.gateway, args.seed_brands))
        print(f"brands 1..{env['BENCH_MAX_ID']} exist; GET by id draws from them", flush=True)
    env.setdefault("BENCH_RUN", "r" + time.strftime("%Y%m%dT%H%M%S", time.gmtime()))

    tsv = open(os.path.join(args.out, "runs.tsv"), "a")
    if tsv.tell() == 0:
        tsv.write("utc\tscenario\tround\tside\tload1\tp50_ms\tp90_ms\tp99_ms\treq_s\trequests\tnon2xx\tsocket_errors\n")
    raw = open(os.path.join(args.out, "wrk-output.txt"), "a")
    results = {}
    for name in args.scenarios.split(","):
        label, b_spec, a_spec = defs[name]
        sides = {"A": (args.baseline, a_spec), "B": (args.gateway, b_spec)}
        print(f"== {name}: {label}  (A = baseline, B = Brandstats)", flush=True)
        for side in ("A", "B"):
            wrk(sides[side][0], sides[side][1], args, args.warmup, env)
        runs = {"A": [], "B": []}
        for rnd in range(1, args.rounds + 1):
            for side in (("A", "B") if rnd % 2 else ("B", "A")):
                base, spec = sides[side]
                load = loadavg()
                r, out = wrk(base, spec, args, args.duration, env)
                r["load1"] = load
                runs[side].append(r)
                stamp = time.strftime("%H:%M:%S", time.gmtime())
                raw.write(f"### {stamp} {name} round {rnd} side {side} load1 {load}\n{out}\n")
                tsv.write(f"{stamp}\t{name}\t{rnd}\t{side}\t{load:.2f}\t{r['p50']:.2f}\t{r['p90']:.2f}\t{r['p99']:.2f}"
                          f"\t{r['rps']:.0f}\t{r['requests']}\t{r['non2xx']}\t{r['errors']}\n")
                tsv.flush()
                print(f"   round {rnd} {side}: {r['rps']:9.0f} req/s  p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms"
                      f"  non-2xx {r['non2xx']}  load1 {load:.2f}", flush=True)
        ratios = [b["rps"] / a["rps"] for a, b in zip(runs["A"], runs["B"]) if a["rps"] > 0]
        results[name] = (label, runs, ratios)

    lines = [f"Rounds: {args.rounds} x {args.duration} s per side (after {args.warmup} s warm-up), "
             f"wrk -t{args.threads} -c{args.connections}, loopback; A = bare Vert.x baseline, B = Brandstats gateway.",
             "", "| scenario | baseline req/s | Brandstats req/s | ratio of medians | median of round ratios | "
             "Brandstats p50 / p99 ms | baseline p50 / p99 ms | non-2xx (B) | load1 min–max | target |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for name, (label, runs, ratios) in results.items():
        a, b = runs["A"], runs["B"]
        ra, rb = med([r["rps"] for r in a]), med([r["rps"] for r in b])
        b50, b99 = med([r["p50"] for r in b]), med([r["p99"] for r in b])
        a50, a99 = med([r["p50"] for r in a]), med([r["p99"] for r in a])
        loads = [r["load1"] for r in a + b]
        mr = med(ratios)
        verdict = []
        if name in TARGETS:
            verdict.append(f"ratio ≥ {TARGETS[name]:.2f}: {'met' if mr >= TARGETS[name] else 'MISSED'}")
        if name in ("byid", "page"):
            verdict.append(f"p99 ≤ {P99_READ_MS:.0f} ms: {'met' if b99 <= P99_READ_MS else 'MISSED'}")
        if name.startswith(("summary", "series", "top")):
            verdict.append(f"p50 ≤ {P50_STATS_MS:.0f} ms: {'met' if b50 <= P50_STATS_MS else 'MISSED'}")
        lines.append(f"| {label} | {ra:.0f} | {rb:.0f} | {rb / ra if ra else float('nan'):.2f} | {mr:.2f} | "
                     f"{b50:.2f} / {b99:.2f} | {a50:.2f} / {a99:.2f} | {sum(r['non2xx'] for r in b)} | "
                     f"{min(loads):.2f}–{max(loads):.2f} | {'; '.join(verdict) or '—'} |")
    summary = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "summary.md"), "a") as f:
        f.write(summary + "\n")
    print()
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
