#!/usr/bin/env bash
# The whole benchmark, as recorded in RESULTS.md: a fresh node, 100k sales, latency, 900k more sales
# (1M in all), latency again, then the node is stopped. Everything is logged under $OUT.
#
#   bench/run_all.sh [JAR]       default JAR launcher/target/brandstats.jar (copied to /tmp/bench first)
#
# Environment: PORT=18181, SALES1=100000, SALES2=900000, RUNS=3, DURATION=15s (passed to stats_latency.sh).
# Removes and recreates /tmp/bench/data (the benchmark's own data dir) at the start.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
export BENCH_DIR=/tmp/bench
PORT=${PORT:-18181}
SALES1=${SALES1:-100000}
SALES2=${SALES2:-900000}
OUT=${OUT:-$BENCH_DIR/results-$(date -u +%Y%m%dT%H%M%SZ)}
URL=http://127.0.0.1:$PORT
JAR=${1:-$HERE/../launcher/target/brandstats.jar}

mkdir -p "$BENCH_DIR" "$OUT"
if [ "$(readlink -f "$JAR")" != "$(readlink -f "$BENCH_DIR/brandstats.jar")" ]; then
  cp "$JAR" "$BENCH_DIR/brandstats.jar"
fi

stop() { "$HERE/server.sh" stop || true; }
trap stop EXIT

{
  echo "date: $(date -u '+%F %T UTC')"
  echo "commit: $(git -C "$HERE/.." rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "jar sha256: $(sha256sum "$BENCH_DIR/brandstats.jar" | cut -c1-16)"
  echo "nproc: $(nproc)"
  echo "memory: $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "python: $(python3 --version 2>&1)"
  echo "loadavg at start: $(cat /proc/loadavg)"
} | tee "$OUT/machine.txt"

rm -rf "$BENCH_DIR/data"
: >"$BENCH_DIR/server.log"
"$HERE/server.sh" start "$BENCH_DIR/brandstats.jar" "$BENCH_DIR/data" "$PORT" | tee "$OUT/server-start.txt"

echo "### load $SALES1 sales (run r1)"
python3 "$HERE/load_sales.py" --url "$URL" --sales "$SALES1" --run r1 --seed 42 --threads 4 2>&1 | tee "$OUT/load-1.txt" \
  || echo "LOAD 1 FAILED (see $OUT/load-1.txt); measuring anyway" | tee -a "$OUT/load-1.txt"
"$HERE/db_sizes.sh" "$BENCH_DIR/data" "$BENCH_DIR/server.log" | tee "$OUT/db-1.txt"
sleep 10
echo "loadavg: $(cat /proc/loadavg)" | tee "$OUT/latency-1.txt"
LABEL="$SALES1 sales" "$HERE/stats_latency.sh" "$URL" 2>&1 | tee -a "$OUT/latency-1.txt"

echo "### load $SALES2 more sales (run r2)"
python3 "$HERE/load_sales.py" --url "$URL" --sales "$SALES2" --run r2 --seed 42 --threads 4 --reuse-catalogue 2>&1 \
  | tee "$OUT/load-2.txt" || echo "LOAD 2 FAILED (see $OUT/load-2.txt); measuring anyway" | tee -a "$OUT/load-2.txt"
"$HERE/db_sizes.sh" "$BENCH_DIR/data" "$BENCH_DIR/server.log" | tee "$OUT/db-2.txt"
sleep 10
echo "loadavg: $(cat /proc/loadavg)" | tee "$OUT/latency-2.txt"
LABEL="$((SALES1 + SALES2)) sales" "$HERE/stats_latency.sh" "$URL" 2>&1 | tee -a "$OUT/latency-2.txt"

stop
trap - EXIT
grep -E ' (WARN|ERROR) ' "$BENCH_DIR/server.log" >"$OUT/server-warnings.txt" || true
cp "$BENCH_DIR/server.log" "$OUT/server.log"
echo "server log lines at WARN or ERROR: $(wc -l <"$OUT/server-warnings.txt")"
echo "results in $OUT"
