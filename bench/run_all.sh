#!/usr/bin/env bash
# Every benchmark in one bounded run, results written under $OUT (default bench/.results/<UTC timestamp>):
#
#   1. a fresh node; its first start (empty data dir) is timed
#   2. ingestion: SALES sales through POST /sales (batches of 1000, 4 connections, pre-generated), rate,
#      CPU per 1000 sales, the API's before/after totals and the rollups-equal-sales check
#   3. the bare Vert.x baseline on the node's brand database; A/B rounds (wrk -t2 -c64): brand by id,
#      brand page, brand create, product create, stats summary, brand series; JVM RSS sampled meanwhile;
#      stats_latency.sh at 4 connections
#   4. BULK_TO sales in all: the rest loaded straight into the stats database (bench/bulk_load.sh, same
#      rows and rollups ingestion writes), checked again
#   5. cold start on that data (stop, start, time to /health/ready = 200)
#   6. A/B rounds and stats_latency.sh again at BULK_TO sales
#   7. the open circuit's answer time (bench/circuit.sh)
#
#   bench/run_all.sh [JAR]            full: 1M sales through the API, 10M in all, 5 rounds x 10 s (~45 min)
#   QUICK=1 bench/run_all.sh [JAR]    quick: 100k through the API, 1M in all, 2 rounds x 5 s (~12 min)
#
# Env overrides: PORT=18181, BASELINE_PORT=18280, SALES, BULK_TO, ROUNDS, DURATION, WARMUP, OUT.
# Writes send Authorization: Bearer $BRANDSTATS_TOKEN; when it is unset, a writer token is minted from the
# fresh node's data dir with the jar's `token` command (bench/token.sh). Loopback only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
export BENCH_DIR=${BENCH_DIR:-$HERE/.data}
JAR=${1:-$HERE/../launcher/target/brandstats.jar}
PORT=${PORT:-18181}
BASELINE_PORT=${BASELINE_PORT:-18280}
URL=http://127.0.0.1:$PORT
BASE_URL=http://127.0.0.1:$BASELINE_PORT
if [ "${QUICK:-0}" = 1 ]; then
  SALES=${SALES:-100000}; BULK_TO=${BULK_TO:-1000000}; ROUNDS=${ROUNDS:-2}; DURATION=${DURATION:-5}; WARMUP=${WARMUP:-20}
else
  SALES=${SALES:-1000000}; BULK_TO=${BULK_TO:-10000000}; ROUNDS=${ROUNDS:-5}; DURATION=${DURATION:-10}; WARMUP=${WARMUP:-20}
fi
OUT=${OUT:-$HERE/.results/$(date -u +%Y%m%dT%H%M%SZ)}
DATA=$BENCH_DIR/data
mkdir -p "$BENCH_DIR" "$OUT"
cp "$JAR" "$BENCH_DIR/brandstats.jar"
if [ ! -f "$HERE/baseline/target/brandstats-baseline.jar" ]; then
  (cd "$HERE/baseline" && "$HERE/../mvnw" -B -q -o package) || (cd "$HERE/baseline" && "$HERE/../mvnw" -B -q package)
fi
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }

cleanup() { "$HERE/baseline.sh" stop >/dev/null 2>&1 || true; "$HERE/server.sh" stop >/dev/null 2>&1 || true
            [ -z "${RSS_PID:-}" ] || kill "$RSS_PID" 2>/dev/null || true; }
trap cleanup EXIT
note() { echo "$(date -u +%T) $*" | tee -a "$OUT/progress.txt"; }

{
  echo "date: $(date -u '+%F %T UTC')"
  echo "commit: $(git -C "$HERE/.." rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$HERE/.." diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "jar sha256: $(sha256sum "$BENCH_DIR/brandstats.jar" | cut -c1-16)"
  echo "command: ${QUICK:+QUICK=$QUICK }bench/run_all.sh $*  (SALES=$SALES BULK_TO=$BULK_TO ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP)"
  echo "nproc: $(nproc); memory: $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }'); kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -1); JAVA_OPTS: ${JAVA_OPTS:-the README flags, see bench/server.sh}; wrk: $(wrk --version 2>&1 | head -1 | awk '{print $1, $2}')"
  echo "uptime at start: $(uptime)"
} | tee "$OUT/machine.txt"

rss_sampler() { # JVM only (the embedded MariaDB is a separate process): VmRSS of the server pid every second
  local pid; pid=$(cat "$BENCH_DIR/server.pid")
  while kill -0 "$pid" 2>/dev/null; do
    awk -v t="$(date -u +%T)" '/^VmRSS/ { print t, $2 }' "/proc/$pid/status" >>"$1" 2>/dev/null || true
    sleep 1
  done
}
rss_summary() { sort -k2 -n "$1" | awk '{ a[NR] = $2 } END { if (NR) printf "JVM RSS under load: %d samples, median %.0f MiB, max %.0f MiB\n", NR, a[int((NR + 1) / 2)] / 1024, a[NR] / 1024 }'; }

ab() { # label scenarios
  "$HERE/baseline.sh" start "" "$BASELINE_PORT" | tee -a "$OUT/progress.txt"
  : >"$OUT/rss-$1.txt"
  rss_sampler "$OUT/rss-$1.txt" & RSS_PID=$!
  python3 "$HERE/ab.py" --gateway "$URL" --baseline "$BASE_URL" --scenarios "$2" --rounds "$ROUNDS" \
    --duration "$DURATION" --warmup "$WARMUP" --out "$OUT/ab-$1" 2>&1 | tee "$OUT/ab-$1.txt"
  kill "$RSS_PID" 2>/dev/null || true; RSS_PID=
  rss_summary "$OUT/rss-$1.txt" | tee -a "$OUT/ab-$1.txt"
  "$HERE/baseline.sh" stop >/dev/null
  RUNS=3 DURATION=${DURATION}s WARMUP=${WARMUP}s CONNECTIONS=4 THREADS=1 LABEL="$1, 4 connections" \
    "$HERE/stats_latency.sh" "$URL" 2>&1 | tee "$OUT/stats-c4-$1.txt"
}

note "1. fresh node"
"$HERE/server.sh" stop >/dev/null 2>&1 || true
rm -rf "$DATA"; : >"$BENCH_DIR/server.log"
"$HERE/server.sh" start "$BENCH_DIR/brandstats.jar" "$DATA" "$PORT" | tee "$OUT/start-empty.txt"
if [ -z "${BRANDSTATS_TOKEN:-}" ]; then BRANDSTATS_TOKEN=$("$HERE/token.sh" "$DATA" "$BENCH_DIR/brandstats.jar"); fi
export BRANDSTATS_TOKEN

note "2. ingestion of $SALES sales through the API"
python3 "$HERE/load_sales.py" --url "$URL" --sales 2000 --run warm --seed 42 --threads 4 >"$OUT/catalogue.txt" 2>&1
"$HERE/ingest.sh" "$URL" i1 "$SALES" 2>&1 | tee "$OUT/ingest.txt" || note "INGESTION CHECK FAILED"
"$HERE/verify_totals.sh" "$DATA" "$BENCH_DIR/server.log" | tee -a "$OUT/ingest.txt"

note "3. A/B against the baseline at $((SALES + 2000)) sales"
ab "$((SALES + 2000))-sales" byid,page,create,product,summary,series

note "4. bulk load to $BULK_TO sales"
"$HERE/bulk_load.sh" "$((BULK_TO - SALES - 2000))" bulk "$DATA" "$BENCH_DIR/server.log" 2>&1 | tee "$OUT/bulk.txt"

note "5. cold start on $BULK_TO sales"
"$HERE/server.sh" stop | tee -a "$OUT/progress.txt"
"$HERE/server.sh" start "$BENCH_DIR/brandstats.jar" "$DATA" "$PORT" | tee "$OUT/start-existing.txt"

note "6. A/B and statistics at $BULK_TO sales"
ab "$BULK_TO-sales" byid,summary,series

note "7. open circuit"
"$HERE/circuit.sh" "$PORT" 2>&1 | tee "$OUT/circuit.txt"

"$HERE/server.sh" stop >/dev/null
grep -E ' (WARN|ERROR) ' "$BENCH_DIR/server.log" >"$OUT/server-warnings.txt" || true
cp "$BENCH_DIR/server.log" "$OUT/server.log"
{
  echo "# Results of $(basename "$OUT")"; echo; sed 's/^/    /' "$OUT/machine.txt"; echo
  echo "## Ingestion"; grep -E 'INGESTION|OK:|ERROR|TOTALS' "$OUT/ingest.txt" | sed 's/^/    /'; echo
  for f in "$OUT"/ab-*-sales.txt; do
    echo "## A/B $(basename "$f" .txt)"; sed -n '/^Rounds:/,$p' "$f"; echo
  done
  for f in "$OUT"/stats-c4-*.txt; do echo "## $(basename "$f" .txt)"; sed -n '/^| endpoint/,$p' "$f"; echo; done
  echo "## Bulk load"; grep -E 'BULK_LOAD|TOTALS' "$OUT/bulk.txt" | sed 's/^/    /'; echo
  echo "## Start"; echo "    empty data dir: $(grep 'ready after' "$OUT/start-empty.txt")"
  echo "    on $BULK_TO sales: $(grep 'ready after' "$OUT/start-existing.txt")"; echo
  echo "## Open circuit"; sed 's/^/    /' "$OUT/circuit.txt"; echo
  echo "server log lines at WARN or ERROR: $(wc -l <"$OUT/server-warnings.txt")"
} >"$OUT/summary.md"
note "done: $OUT/summary.md"
