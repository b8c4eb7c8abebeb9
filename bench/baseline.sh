#!/usr/bin/env bash
# Start or stop the bare Vert.x baseline (bench/baseline) against a running node's embedded MariaDB.
#
#   bench/baseline.sh start [DB_PORT] [PORT]   builds the baseline jar if missing, starts it, waits until it answers
#   bench/baseline.sh stop                     SIGTERM, waits for the process to exit
#
# DB_PORT defaults to the embedded MariaDB port of the node started by bench/server.sh (read from its
# log); PORT defaults to 18280. It connects as root with the password the node keeps in its data folder
# (DATA_DIR, default $BENCH_DIR/data). The baseline uses the node's `brand` database with the brand service's
# pool settings (8 connections; BASELINE_POOL_SIZE overrides) and one HTTP verticle per core.
# Log: $BENCH_DIR/baseline.log (BENCH_DIR defaults to bench/.data).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BENCH_DIR=${BENCH_DIR:-$HERE/.data}
JAR=$HERE/baseline/target/brandstats-baseline.jar
cmd=${1:-}

case "$cmd" in
  start)
    dbport=${2:-$(BENCH_DIR=$BENCH_DIR "$HERE/server.sh" dbport)}
    port=${3:-18280}
    [ -n "$dbport" ] || { echo "no database port: start the node first (bench/server.sh start)" >&2; exit 1; }
    mkdir -p "$BENCH_DIR"
    if [ ! -f "$JAR" ]; then
      (cd "$HERE/baseline" && "$HERE/../mvnw" -B -q -o package) || (cd "$HERE/baseline" && "$HERE/../mvnw" -B -q package)
    fi
    if [ -f "$BENCH_DIR/baseline.pid" ] && kill -0 "$(cat "$BENCH_DIR/baseline.pid")" 2>/dev/null; then
      echo "baseline already running: pid $(cat "$BENCH_DIR/baseline.pid")" >&2; exit 1
    fi
    nohup java -jar "$JAR" --port "$port" --db-port "$dbport" --db-password-file "${DATA_DIR:-$BENCH_DIR/data}/mariadb-root.key" \
      --pool-size "${BASELINE_POOL_SIZE:-8}" \
      >>"$BENCH_DIR/baseline.log" 2>&1 &
    echo $! >"$BENCH_DIR/baseline.pid"
    for _ in $(seq 1 300); do
      if curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then
        echo "baseline ready: pid $(cat "$BENCH_DIR/baseline.pid"), http://127.0.0.1:$port, database 127.0.0.1:$dbport/brand"
        exit 0
      fi
      kill -0 "$(cat "$BENCH_DIR/baseline.pid")" 2>/dev/null || { echo "baseline exited; see $BENCH_DIR/baseline.log" >&2; exit 1; }
      sleep 0.1
    done
    echo "baseline not ready after 30 s" >&2; exit 1
    ;;
  stop)
    pid=$(cat "$BENCH_DIR/baseline.pid" 2>/dev/null || true)
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then echo "baseline not running"; exit 0; fi
    kill -TERM "$pid"
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || { echo "stopped baseline pid $pid"; rm -f "$BENCH_DIR/baseline.pid"; exit 0; }
      sleep 1
    done
    echo "baseline pid $pid still running" >&2; exit 1
    ;;
  *)
    echo "usage: $0 start [DB_PORT] [PORT] | stop" >&2; exit 2
    ;;
esac
