#!/usr/bin/env bash
# The statistics with filters at two data sizes on one node, each against the bare baseline in the same run:
#
#   1. a fresh node (JAR), the benchmark catalogue and SALES sales through the API (load_sales.py, 90 days)
#   2. bulk-loaded up to SMALL sales in all (bulk_load.sh: the rows ingestion writes; the rollup worker folds
#      them and verify_totals.sh checks every rollup against GROUP BY over `sale`)
#   3. ab.py rounds: every statistic scenario against the baseline's GET by id, and stats_latency.sh
#   4. bulk-loaded up to LARGE sales in all, checked again, and 3. again
#
#   bench/stats_at_scale.sh [JAR]      defaults: SMALL=1000000 LARGE=10000000 SALES=100000, 3 rounds x 8 s
#
# Results: $OUT (default bench/.results/scale-<UTC timestamp>): machine.txt, small/ and large/ (ab.py output,
# every wrk run with the load average before it), latency-small.txt, latency-large.txt. Loopback only.
# Env: PORT=18181, BASELINE_PORT=18280, SCENARIOS, ROUNDS=3, DURATION=8, WARMUP=10, BENCH_DIR (bench/.data).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
export BENCH_DIR=${BENCH_DIR:-$HERE/.data}
JAR=${1:-$HERE/../launcher/target/brandstats.jar}
PORT=${PORT:-18181}
BASELINE_PORT=${BASELINE_PORT:-18280}
SALES=${SALES:-100000}; SMALL=${SMALL:-1000000}; LARGE=${LARGE:-10000000}
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-8}; WARMUP=${WARMUP:-10}
SCENARIOS=${SCENARIOS:-summary,summary1,top1,series1,summary2,top2}
OUT=${OUT:-$HERE/.results/scale-$(date -u +%Y%m%dT%H%M%SZ)}
URL=http://127.0.0.1:$PORT
DATA=$BENCH_DIR/data
mkdir -p "$OUT"
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
[ ! -e "$DATA" ] || { echo "$DATA exists: the run starts from an empty data dir (BENCH_DIR=... for another)" >&2; exit 1; }

cleanup() { "$HERE/baseline.sh" stop >/dev/null 2>&1 || true; "$HERE/server.sh" stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
note() { echo "$(date -u +%T) $*" | tee -a "$OUT/progress.txt"; }
{
  echo "date: $(date -u '+%F %T UTC')"
  echo "jar: $JAR ($(sha256sum "$JAR" | cut -c1-16))"
  echo "command: bench/stats_at_scale.sh $*  (SALES=$SALES SMALL=$SMALL LARGE=$LARGE ROUNDS=$ROUNDS DURATION=$DURATION)"
  echo "nproc: $(nproc); memory: $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')"
  echo "java: $(java -version 2>&1 | head -1); wrk: $(wrk --version 2>&1 | head -1 | awk '{print $1, $2}')"
  echo "uptime at start: $(uptime)"
} | tee "$OUT/machine.txt"

"$HERE/server.sh" start "$JAR" "$DATA" "$PORT" | tail -1 | tee -a "$OUT/progress.txt"
export BRANDSTATS_TOKEN; BRANDSTATS_TOKEN=$("$HERE/token.sh" "$DATA")
note "catalogue and $SALES sales through the API"
python3 "$HERE/load_sales.py" --url "$URL" --sales "$SALES" --run api --threads 4 --pregenerate | tail -2 \
  | tee -a "$OUT/progress.txt"
"$HERE/baseline.sh" start "" "$BASELINE_PORT" | tail -1

measure() { # $1 = small | large
  note "ab.py at $1 ($(uptime))"
  python3 "$HERE/ab.py" --gateway "$URL" --baseline "http://127.0.0.1:$BASELINE_PORT" --scenarios "$SCENARIOS" \
    --rounds "$ROUNDS" --duration "$DURATION" --warmup "$WARMUP" --out "$OUT/$1" | sed -n '/^Rounds:/,$p' \
    | tee -a "$OUT/progress.txt"
  "$HERE/stats_latency.sh" "$URL" > "$OUT/latency-$1.txt" 2>&1 || true
}

loaded=$SALES
for size in small large; do
  target=$([ "$size" = small ] && echo "$SMALL" || echo "$LARGE")
  if [ "$target" -gt "$loaded" ]; then
    note "bulk load to $target sales"
    "$HERE/bulk_load.sh" $((target - loaded)) "scale$size" "$DATA" "$BENCH_DIR/server.log" | tail -3 \
      | tee -a "$OUT/progress.txt"
    loaded=$target
  fi
  measure "$size"
done
note "done"
