#!/usr/bin/env bash
# Ingestion rate and its CPU cost: posts SALES sales (pre-generated batches of 1000, THREADS connections)
# to a running node, checks the totals (load_sales.py exits 1 if anything is lost, doubled or rejected),
# and prints the CPU the node's JVM and its MariaDB used per 1000 sales, and the rate that CPU would allow
# on 2 free cores (the wall-clock rate on a shared machine depends on what else runs).
#   bench/ingest.sh URL RUN_ID [SALES]     env: THREADS=4, SEED=42, LIVE_MINUTES (unset: sales spread over
#   90 days, a backfill; N: all in the last N minutes, a live feed), BRANDSTATS_TOKEN (default: minted from
#   DATA_DIR's local key, default bench/.data/data, see bench/token.sh)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
url=$1; run=$2; sales=${3:-100000}
if [ -z "${BRANDSTATS_TOKEN:-}" ]; then BRANDSTATS_TOKEN=$("$HERE/token.sh" "${DATA_DIR:-${BENCH_DIR:-$HERE/.data}/data}"); fi
export BRANDSTATS_TOKEN
before=$("$HERE/cpu_ticks.sh")
t0=$(date +%s.%N)
set +e
python3 "$HERE/load_sales.py" --url "$url" --sales "$sales" --run "$run" --seed "${SEED:-42}" --threads "${THREADS:-4}" \
  --reuse-catalogue --pregenerate ${LIVE_MINUTES:+--live-minutes "$LIVE_MINUTES"}
status=$?
set -e
after=$("$HERE/cpu_ticks.sh")
read -r j0 d0 <<<"$before"; read -r j1 d1 <<<"$after"
awk -v j=$((j1 - j0)) -v d=$((d1 - d0)) -v n="$sales" -v la="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  per = (j + d) / (n / 1000)
  printf "INGESTION_CPU jvm_ms_per_1000=%.0f mariadb_ms_per_1000=%.0f total_ms_per_1000=%.0f cpu_bound_rate_on_2_cores=%.0f loadavg=\"%s\"\n",
    j / (n / 1000), d / (n / 1000), per, 2000 * 1000 / per, la }'
exit $status
