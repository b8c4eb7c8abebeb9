#!/usr/bin/env bash
# Start or stop a Brandstats node for the benchmark, on loopback only.
#
#   bench/server.sh start [JAR] [DATA_DIR] [PORT]   copies JAR to $BENCH_DIR, starts the copy, waits for /health/ready
#   bench/server.sh stop                            SIGTERM, then waits for the process to exit
#   bench/server.sh dbport                          the embedded MariaDB port (from the log)
#
# Defaults: JAR=launcher/target/brandstats.jar (copied first, so a rebuild cannot change it under the
# run), BENCH_DIR=bench/.data (git-ignored), DATA_DIR=$BENCH_DIR/data, PORT=18181. The gateway is bound
# to 127.0.0.1 (BRANDSTATS_HTTP_HOST). The log is $BENCH_DIR/server.log, the pid $BENCH_DIR/server.pid.
# JAVA_OPTS is passed to java; default: the flags README.md recommends (-XX:-DontCompileHugeMethods, the native-heap trim, -Xmx96m ..., and
# MALLOC_ARENA_MAX=2); JAVA_OPTS=" " runs with the JVM's own defaults. The per-client rate limit is off
# (see below). `start` prints the seconds from
# launch to ready on its last line ("ready after N.N s").
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BENCH_DIR=${BENCH_DIR:-$HERE/.data}
# The JVM flags README.md recommends for a node (keep the two equal).
RECOMMENDED_JAVA_OPTS="-XX:-DontCompileHugeMethods -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 -Xmx96m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=96m -XX:MaxDirectMemorySize=32m"
cmd=${1:-}

case "$cmd" in
  start)
    jar=${2:-$HERE/../launcher/target/brandstats.jar}
    data=${3:-$BENCH_DIR/data}
    port=${4:-18181}
    mkdir -p "$BENCH_DIR" "$data"
    BENCH_DIR=$(cd "$BENCH_DIR" && pwd); data=$(cd "$data" && pwd); jar=$(readlink -f "$jar")
    if [ -f "$BENCH_DIR/server.pid" ] && kill -0 "$(cat "$BENCH_DIR/server.pid")" 2>/dev/null; then
      echo "already running: pid $(cat "$BENCH_DIR/server.pid")" >&2; exit 1
    fi
    if [ "$(readlink -f "$jar")" != "$(readlink -f "$BENCH_DIR/brandstats.jar")" ]; then
      cp "$jar" "$BENCH_DIR/brandstats.jar"
    fi
    # Run from $BENCH_DIR, not the checkout: the contract setting (openapi/brandstats.yaml by default)
    # is read from a file of that name in the working directory before the classpath, so a jar started
    # in the checkout would serve the checkout's contract instead of its own.
    cd "$BENCH_DIR"
    t0=$(date +%s.%N)
    # The per-client rate limit is off (unless BRANDSTATS_LIMITS_RATE_REQUESTS_PER_SECOND is set): wrk,
    # ab.py and load_sales.py send from one address and one token, standing for many clients at once, so
    # the default 50 requests/s per client would answer nearly everything with 429 and measure that.
    # shellcheck disable=SC2086
    BRANDSTATS_LIMITS_RATE_REQUESTS_PER_SECOND=${BRANDSTATS_LIMITS_RATE_REQUESTS_PER_SECOND:-0} \
    MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} BRANDSTATS_HTTP_HOST=127.0.0.1 nohup java ${JAVA_OPTS:-$RECOMMENDED_JAVA_OPTS} -jar "$BENCH_DIR/brandstats.jar" --port "$port" --data-dir "$data" \
      >>"$BENCH_DIR/server.log" 2>&1 &
    echo $! >"$BENCH_DIR/server.pid"
    for _ in $(seq 1 1800); do
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)
      if [ "$code" = 200 ]; then
        echo "ready: pid $(cat "$BENCH_DIR/server.pid"), http://127.0.0.1:$port, data in $data"
        echo "ready after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
        exit 0
      fi
      if ! kill -0 "$(cat "$BENCH_DIR/server.pid")" 2>/dev/null; then
        echo "the server exited; see $BENCH_DIR/server.log" >&2; exit 1
      fi
      sleep 0.1
    done
    echo "not ready after 180 s; see $BENCH_DIR/server.log" >&2; exit 1
    ;;
  stop)
    pid=$(cat "$BENCH_DIR/server.pid" 2>/dev/null || true)
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then echo "not running"; exit 0; fi
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || { echo "stopped pid $pid"; rm -f "$BENCH_DIR/server.pid"; exit 0; }
      sleep 1
    done
    echo "pid $pid still running 60 s after SIGTERM" >&2; exit 1
    ;;
  dbport)
    grep -o 'Embedded MariaDB on 127.0.0.1:[0-9]*' "$BENCH_DIR/server.log" | tail -1 | sed 's/.*://'
    ;;
  *)
    echo "usage: $0 start [JAR] [DATA_DIR] [PORT] | stop | dbport" >&2; exit 2
    ;;
esac
