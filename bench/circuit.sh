#!/usr/bin/env bash
# How fast an open circuit answers: restarts the benchmark node with its brand upstream pointed at a
# closed port (the product service cannot confirm brands; nothing is cached after the restart), trips
# the breaker with a few POST /products, then measures POST /products with wrk -t1 -c1 for DURATION:
# every answer is the 503 with Retry-After the open circuit gives, so its latency is the open-circuit
# path through gateway, event bus and product service. Restarts the node normally afterwards.
#   bench/circuit.sh [PORT]     env: DURATION=5s, JAR (default $BENCH_DIR/brandstats.jar), DATA_DIR,
#   BRANDSTATS_TOKEN (default: minted by JAR from DATA_DIR's local key, see bench/token.sh)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH_DIR=${BENCH_DIR:-$HERE/.data}
PORT=${1:-18181}
URL=http://127.0.0.1:$PORT
JAR=${JAR:-$BENCH_DIR/brandstats.jar}
DATA_DIR=${DATA_DIR:-$BENCH_DIR/data}
DEAD=http://127.0.0.1:18999   # nothing listens here
if [ -z "${BRANDSTATS_TOKEN:-}" ]; then BRANDSTATS_TOKEN=$("$HERE/token.sh" "$DATA_DIR" "$JAR"); fi
export BRANDSTATS_TOKEN

"$HERE/server.sh" stop >/dev/null || true
BRANDSTATS_UPSTREAMS_BRAND_BASE_URL=$DEAD "$HERE/server.sh" start "$JAR" "$DATA_DIR" "$PORT" | tail -1
auth=(-H "Authorization: Bearer $BRANDSTATS_TOKEN")
for i in $(seq 1 8); do
  curl -s -o /dev/null -w "trip $i: %{http_code} in %{time_total}s\n" -X POST "$URL/products" "${auth[@]}" \
    -H 'Content-Type: application/json' \
    -d "{\"brandId\":1,\"sku\":\"CIRCUIT-TRIP-$i-$$\",\"name\":\"Circuit\",\"category\":\"tents\",\"price\":1.00,\"currency\":\"EUR\"}"
done
curl -s -D - -o /dev/null -X POST "$URL/products" "${auth[@]}" -H 'Content-Type: application/json' \
  -d "{\"brandId\":2,\"sku\":\"CIRCUIT-PROBE-$$\",\"name\":\"Circuit\",\"category\":\"tents\",\"price\":1.00,\"currency\":\"EUR\"}" \
  | grep -iE '^HTTP|^retry-after' | tr -d '\r'
echo "open circuit, wrk -t1 -c1 -d${DURATION:-5s} POST /products:"
BENCH_RUN="circuit$$" wrk -t1 -c1 -d"${DURATION:-5s}" --latency -s "$HERE/wrk/product_create.lua" "$URL/products" \
  | grep -E 'Latency|50%|90%|99%|Requests/sec|Non-2xx|requests in'
"$HERE/server.sh" stop >/dev/null
"$HERE/server.sh" start "$JAR" "$DATA_DIR" "$PORT" | tail -1
