#!/usr/bin/env bash
# Latency of the two dashboard reads, measured with wrk on loopback:
#   GET /stats/summary?from=&to=                  30-day window ending today (UTC)
#   GET /stats/brands/{id}?from=&to=&interval=day 90-day window ending today (UTC)
# Each endpoint: one warm-up run (not reported), then RUNS measured runs of DURATION; prints p50, p99 and
# requests/s of every run and the median of each over the runs. Bounded: at most
# 2 x (WARMUP + RUNS x DURATION) seconds of load.
#
#   bench/stats_latency.sh [BASE_URL]        default BASE_URL http://127.0.0.1:8080
#
# Environment: BRAND_ID (default: the id of "Bench Brand 01", read from /brands), RUNS=3, DURATION=15s,
# WARMUP=5s, THREADS=1, CONNECTIONS=4, TOOL=wrk|python, END_DATE=YYYY-MM-DD (default today UTC), LABEL (printed with the table).
# wrk is installed with apt-get if missing; if that fails, a Python timing loop (same connections,
# same duration) measures instead, and the output says so.
set -euo pipefail

BASE=${1:-http://127.0.0.1:8080}
BASE=${BASE%/}
RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-4}
END_DATE=${END_DATE:-$(date -u +%F)}
LABEL=${LABEL:-}

host=$(printf '%s' "$BASE" | sed -E 's#^https?://([^/:]+|\[[^]]+\]).*#\1#')
case "$host" in
  127.0.0.1|localhost|\[::1\]) ;;
  *) echo "refusing to load a non-loopback host: $host" >&2; exit 2 ;;
esac

to=$END_DATE
from30=$(date -u -d "$END_DATE - 29 days" +%F)
from90=$(date -u -d "$END_DATE - 89 days" +%F)

if [ -z "${BRAND_ID:-}" ]; then
  BRAND_ID=$(curl -fsS "$BASE/brands?q=Bench%20Brand%2001&limit=1" \
    | python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; print(items[0]["id"] if items else "")')
  [ -n "$BRAND_ID" ] || { echo "no brand 'Bench Brand 01'; load sales first or set BRAND_ID" >&2; exit 1; }
fi

SUMMARY_URL="$BASE/stats/summary?from=$from30&to=$to"
BRAND_URL="$BASE/stats/brands/$BRAND_ID?from=$from90&to=$to&interval=day"

# Both must answer 200 before anything is measured; show what they answer.
for url in "$SUMMARY_URL" "$BRAND_URL"; do
  code=$(curl -s -o /tmp/stats_latency_probe.$$ -w '%{http_code} %{size_download}B %{time_total}s' "$url")
  echo "probe: $url -> $code"
  case "$code" in 200\ *) ;; *) echo "not 200:" >&2; head -c 600 /tmp/stats_latency_probe.$$ >&2; rm -f /tmp/stats_latency_probe.$$; exit 1 ;; esac
  python3 - /tmp/stats_latency_probe.$$ <<'EOF'
import json, sys
b = json.load(open(sys.argv[1]))
t = b.get("totals", {})
print(f"       totals: orders={t.get('orders')} units={t.get('units')} revenue={t.get('revenue')}; "
      f"points={len(b.get('daily', b.get('series', [])))}; meta={b.get('meta')}")
EOF
done
rm -f /tmp/stats_latency_probe.$$

TOOL=${TOOL:-wrk}
if [ "$TOOL" = wrk ] && ! command -v wrk >/dev/null 2>&1; then
  echo "wrk missing: apt-get install -y wrk" >&2
  if ! { apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; }; }; then
    TOOL=python
    echo "NOTE: wrk could not be installed; measuring with a Python timing loop instead (client overhead is higher)"
  fi
fi

to_ms() { # wrk numbers: 812.00us, 1.23ms, 2.01s, 1.00m
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    printf "%.2f", n }'
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

py_loop() { # url seconds connections -> prints "p50_ms p99_ms rps non2xx errors"
  python3 - "$1" "$2" "$3" <<'EOF'
import http.client, sys, threading, time, urllib.parse
url, secs, conns = sys.argv[1], float(sys.argv[2].rstrip("s")), int(sys.argv[3])
u = urllib.parse.urlsplit(url); path = u.path + ("?" + u.query if u.query else "")
lat, bad, err, lock = [], [0], [0], threading.Lock()
end = time.time() + secs
def run():
    c = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30)
    while time.time() < end:
        t = time.perf_counter()
        try:
            c.request("GET", path); r = c.getresponse(); r.read(); d = time.perf_counter() - t
            with lock:
                lat.append(d)
                if r.status != 200: bad[0] += 1
        except OSError:
            with lock: err[0] += 1
            c.close(); c = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30)
ts = [threading.Thread(target=run) for _ in range(conns)]
t0 = time.time(); [t.start() for t in ts]; [t.join() for t in ts]; el = time.time() - t0
lat.sort()
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")
print(f"{p(0.5):.2f} {p(0.99):.2f} {len(lat) / el:.1f} {bad[0]} {err[0]}")
EOF
}

measure() { # name url -> one line per run, then the medians
  local name=$1 url=$2 p50s="" p99s="" rpss="" out p50 p99 rps non2xx errs
  echo
  echo "== $name: $url"
  if [ "$TOOL" = wrk ]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
  else
    py_loop "$url" "$WARMUP" "$CONNECTIONS" >/dev/null
  fi
  for i in $(seq 1 "$RUNS"); do
    if [ "$TOOL" = wrk ]; then
      out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
      p50=$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')")
      p99=$(to_ms "$(printf '%s\n' "$out" | awk '$1 == "99%" { print $2 }')")
      rps=$(printf '%s\n' "$out" | awk '$1 == "Requests/sec:" { print $2 }')
      non2xx=$(printf '%s\n' "$out" | awk -F': ' '/Non-2xx/ { print $2 }')
      errs=$(printf '%s\n' "$out" | awk -F': ' '/Socket errors/ { print $2 }')
      total=$(printf '%s\n' "$out" | awk '/requests in/ { print $1 }')
    else
      read -r p50 p99 rps non2xx errs < <(py_loop "$url" "$DURATION" "$CONNECTIONS")
      total="?"
    fi
    printf '   run %d: p50 %8s ms   p99 %8s ms   %9s req/s   (%s requests; non-2xx: %s; socket errors: %s)\n' \
      "$i" "$p50" "$p99" "$rps" "$total" "${non2xx:-0}" "${errs:-none}"
    p50s="$p50s $p50"; p99s="$p99s $p99"; rpss="$rpss $rps"
  done
  local m50 m99 mrps
  m50=$(echo "$p50s" | median); m99=$(echo "$p99s" | median); mrps=$(echo "$rpss" | median)
  printf '   median of %d runs: p50 %s ms   p99 %s ms   %s req/s\n' "$RUNS" "$m50" "$m99" "$mrps"
  RESULT_LINES="${RESULT_LINES}| ${name} | ${m50} | ${m99} | ${mrps} |
"
}

if [ "$TOOL" = wrk ]; then
  version=$(wrk --version 2>&1 | head -1 | awk '{print $1, $2}' || true)
else
  version=$(python3 --version)
fi
echo "tool: $TOOL ($version), threads $THREADS, connections $CONNECTIONS, $RUNS x $DURATION after a $WARMUP warm-up, loopback"
RESULT_LINES=""
measure "GET /stats/summary (30 days)" "$SUMMARY_URL"
measure "GET /stats/brands/$BRAND_ID (90 days, day)" "$BRAND_URL"

echo
echo "Summary${LABEL:+ ($LABEL)}: medians of $RUNS runs, $CONNECTIONS connections, $DURATION each"
echo
echo "| endpoint | p50 ms | p99 ms | req/s |"
echo "| --- | ---: | ---: | ---: |"
printf '%s' "$RESULT_LINES"
