#!/usr/bin/env bash
# CPU time used so far by the benchmark node: "<jvm_ms> <mariadbd_ms>" (user + system, from /proc).
# On a shared machine the CPU a piece of work costs is steadier than its wall time: take it before and
# after, and divide by the work done.
#   bench/cpu_ticks.sh [SERVER_PID]     default: $BENCH_DIR/server.pid
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH_DIR=${BENCH_DIR:-$HERE/.data}
pid=${1:-$(cat "$BENCH_DIR/server.pid")}
hz=$(getconf CLK_TCK)
ms() { awk -v hz="$hz" '{ sub(/^.*\) /, ""); split($0, f, " "); printf "%d", (f[12] + f[13]) * 1000 / hz }' "/proc/$1/stat"; }
db=$(pgrep -P "$pid" mariadbd || true)
[ -n "$db" ] || db=$(pgrep -f "mariadbd .*$(readlink -f /proc/$pid/cwd)" | head -1 || true)
echo "$(ms "$pid") ${db:+$(ms "$db")}"
