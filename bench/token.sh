#!/usr/bin/env bash
# Prints a bearer token with role writer for the benchmark's writes, signed by the jar's `token` command
# with the local key in the node's data dir (generated there if absent; a node started on that dir
# later uses the same key). Valid for TTL seconds (default 6 h, longer than a full run_all.sh).
#   bench/token.sh [DATA_DIR] [JAR]     defaults: $BENCH_DIR/data, $BENCH_DIR/brandstats.jar (else the built jar)
# Scripts that write call it as: export BRANDSTATS_TOKEN=${BRANDSTATS_TOKEN:-$(bench/token.sh DATA_DIR)}
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH_DIR=${BENCH_DIR:-$HERE/.data}
data=${1:-$BENCH_DIR/data}
jar=${2:-}
if [ -z "$jar" ]; then
  jar=$BENCH_DIR/brandstats.jar
  [ -f "$jar" ] || jar=$HERE/../launcher/target/brandstats.jar
fi
mkdir -p "$data"
java -jar "$jar" token --role writer --ttl "${TTL:-21600}" --subject bench --data-dir "$data" 2>/dev/null
