#!/usr/bin/env bash
# Before/after of a product change, measured the same way for both jars, one after the other, on the
# same data dir: for each jar, start the node and the baseline, run ab.py, stop. Each jar's figures are
# ratios to the baseline measured in its own rounds, so the two can be compared despite a noisy machine.
#   bench/compare_jars.sh BEFORE_JAR AFTER_JAR OUT_DIR [SCENARIOS]
# Env: ROUNDS=3, DURATION=8, WARMUP=20, DATA_DIR (default bench/.data/data: an existing node data dir),
# BRANDSTATS_TOKEN (default: minted by AFTER_JAR's `token` command from DATA_DIR's local key, see bench/token.sh;
# a jar from before authenticated writes ignores it)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH_DIR=${BENCH_DIR:-$HERE/.data}
before=$1; after=$2; out=$3; scenarios=${4:-byid,page,create}
mkdir -p "$out"
if [ -z "${BRANDSTATS_TOKEN:-}" ]; then BRANDSTATS_TOKEN=$("$HERE/token.sh" "${DATA_DIR:-$BENCH_DIR/data}" "$after"); fi
export BRANDSTATS_TOKEN
for side in before after; do
  jar=$([ "$side" = before ] && echo "$before" || echo "$after")
  "$HERE/server.sh" stop >/dev/null 2>&1 || true
  "$HERE/server.sh" start "$jar" "${DATA_DIR:-$BENCH_DIR/data}" 18181 | tail -1
  "$HERE/baseline.sh" start "" 18280 | tail -1
  echo "### $side: $jar ($(sha256sum "$jar" | cut -c1-16)), $(uptime)" | tee -a "$out/compare.txt"
  python3 "$HERE/ab.py" --gateway http://127.0.0.1:18181 --baseline http://127.0.0.1:18280 --scenarios "$scenarios" \
    --rounds "${ROUNDS:-3}" --duration "${DURATION:-8}" --warmup "${WARMUP:-20}" --out "$out/$side" | sed -n '/^Rounds:/,$p' \
    | tee -a "$out/compare.txt"
  "$HERE/baseline.sh" stop >/dev/null
done
"$HERE/server.sh" stop >/dev/null
