#!/usr/bin/env python3
"""Load a Brandstats node with a catalogue and synthetic sales, through the public API only.

Creates (or finds) 20 brands, 300 products (5-500 EUR) and 40 stores, then posts N sales spread
over the last 90 UTC days in batches of 1000 from several threads, each with its own keep-alive
connection. Every eventId carries the --run id, so a second run with another run id adds distinct
sales. A batch answered 503 is retried after Retry-After; a 504 or a broken connection is retried too
(ingestion is idempotent on eventId, so a retried batch cannot count twice). Exits non-zero if any
sale is rejected, if any first attempt reports duplicates, or if GET /stats/summary over the 90-day
window does not show exactly this run's orders, units and revenue added.

Python 3 standard library only. Deterministic: the same --seed gives the same catalogue and the same
sales (soldAt is placed relative to --end-date, default today UTC).

  python3 load_sales.py --url http://127.0.0.1:18181 --sales 100000 --run r1
  python3 load_sales.py --url http://127.0.0.1:18181 --sales 900000 --run r2 --reuse-catalogue
"""

import argparse
import datetime as dt
import http.client
import json
import random
import re
import sys
import threading
import time
import os
import urllib.parse
from decimal import Decimal

# Writes carry Authorization: Bearer $BRANDSTATS_TOKEN when the variable is set.
TOKEN = os.environ.get("BRANDSTATS_TOKEN", "")

BRANDS = 20
PRODUCTS = 300
STORES = 40
BATCH = 1000
WINDOW_DAYS = 90

COUNTRIES = ["DE", "FR", "NL", "AT", "IT", "ES", "BE", "PL", "SE", "DK"]
CITIES = ["Berlin", "Paris", "Amsterdam", "Vienna", "Milan", "Madrid", "Brussels", "Warsaw", "Stockholm", "Copenhagen"]
CATEGORIES = ["tents", "jackets", "boots", "backpacks", "stoves", "lamps", "sleeping-bags", "shirts", "tools", "bikes"]


def log(msg):
    print(time.strftime("%H:%M:%S ") + msg, flush=True)


class Api:
    """One keep-alive HTTP/1.1 connection to the gateway (one per thread)."""

    def __init__(self, base, timeout=60):
        u = urllib.parse.urlsplit(base)
        if u.scheme != "http":
            raise SystemExit("--url must be http://")
        self.host, self.port = u.hostname, u.port or 80
        self.prefix = u.path.rstrip("/")
        self.timeout = timeout
        self.conn = None

    def request(self, method, path, body=None):
        """Returns (status, headers dict lower-case, parsed JSON or None). Raises OSError on I/O trouble."""
        data = None
        headers = {"Accept": "application/json"}
        if method != "GET" and TOKEN:
            headers["Authorization"] = "Bearer " + TOKEN
        if body is not None:
            data = body if isinstance(body, (bytes, bytearray)) else json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, self.prefix + path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                hdrs = {k.lower(): v for k, v in resp.getheaders()}
                if hdrs.get("connection", "").lower() == "close":
                    self.close()
                parsed = None
                if raw:
                    try:
                        parsed = json.loads(raw)
                    except ValueError:
                        parsed = raw.decode(errors="replace")
                return resp.status, hdrs, parsed
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                # A kept-alive connection the server closed: reconnect once for idempotent reads only.
                self.close()
                if attempt == 2 or method != "GET":
                    raise
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            finally:
                self.conn = None


def walk(api, path):
    """Every item of a paged list, following `next`."""
    items = []
    url = path
    while url:
        st, _, body = api.request("GET", url)
        if st != 200:
            raise SystemExit(f"GET {url}: {st} {body}")
        items.extend(body["items"])
        url = body.get("next")
        if url and api.prefix and url.startswith(api.prefix):
            url = url[len(api.prefix):]
    return items


# ---------------------------------------------------------------- catalogue

def catalogue_spec(seed):
    """The catalogue this seed asks for: names, codes, skus, prices (deterministic)."""
    rng = random.Random(f"catalogue:{seed}")
    brands = [{"name": f"Bench Brand {i:02d}", "country": COUNTRIES[i % len(COUNTRIES)],
               "website": f"https://bench-brand-{i:02d}.example"} for i in range(1, BRANDS + 1)]
    stores = [{"code": f"BENCH-{i:03d}", "name": f"Bench Store {i:03d}", "city": CITIES[i % len(CITIES)],
               "country": COUNTRIES[i % len(COUNTRIES)], "channel": "online" if i % 4 == 0 else "retail"}
              for i in range(1, STORES + 1)]
    products = []
    for i in range(1, PRODUCTS + 1):
        cents = rng.randint(500, 50000)  # 5.00 .. 500.00 EUR
        products.append({"brandIndex": (i - 1) % BRANDS, "sku": f"BENCH-P{i:04d}",
                         "name": f"Bench Product {i:04d}", "category": CATEGORIES[i % len(CATEGORIES)],
                         "price": Decimal(cents) / 100, "currency": "EUR"})
    return brands, stores, products


def ensure_catalogue(api, seed, create):
    """Finds the bench catalogue through the list endpoints; creates what is missing when `create`.

    Returns (brand ids, store ids, products [(id, brandId, price Decimal)]) in spec order."""
    brands, stores, products = catalogue_spec(seed)
    t0 = time.time()
    created = 0

    existing = {b["name"]: b for b in walk(api, "/brands?limit=100&q=Bench%20Brand")}
    brand_ids = []
    for b in brands:
        found = existing.get(b["name"])
        if found is None:
            if not create:
                raise SystemExit(f"--reuse-catalogue: brand {b['name']!r} not found; run once without it first")
            st, _, body = api.request("POST", "/brands", b)
            if st != 201:
                raise SystemExit(f"POST /brands {b['name']}: {st} {body}")
            found = body
            created += 1
        if found["status"] != "active":
            raise SystemExit(f"brand {found['id']} is {found['status']}")
        brand_ids.append(found["id"])

    existing = {s["code"]: s for s in walk(api, "/stores?limit=100&q=Bench%20Store")}
    store_ids = []
    for s in stores:
        found = existing.get(s["code"])
        if found is None:
            if not create:
                raise SystemExit(f"--reuse-catalogue: store {s['code']!r} not found")
            st, _, body = api.request("POST", "/stores", s)
            if st != 201:
                raise SystemExit(f"POST /stores {s['code']}: {st} {body}")
            found = body
            created += 1
        if found["status"] != "active":
            raise SystemExit(f"store {found['id']} is {found['status']}")
        store_ids.append(found["id"])

    existing = {p["sku"]: p for p in walk(api, "/products?limit=100&q=Bench%20Product")}
    prods = []
    for p in products:
        found = existing.get(p["sku"])
        if found is None:
            if not create:
                raise SystemExit(f"--reuse-catalogue: product {p['sku']!r} not found")
            body_out = {"brandId": brand_ids[p["brandIndex"]], "sku": p["sku"], "name": p["name"],
                        "category": p["category"], "price": float(p["price"]), "currency": p["currency"]}
            while True:
                st, hdrs, body = api.request("POST", "/products", body_out)
                if st == 503:
                    time.sleep(float(hdrs.get("retry-after", "1")))
                    continue
                break
            if st != 201:
                raise SystemExit(f"POST /products {p['sku']}: {st} {body}")
            found = body
            created += 1
        if found["status"] != "active":
            raise SystemExit(f"product {found['id']} is {found['status']}")
        prods.append((found["id"], found["brandId"], Decimal(str(found["price"])).quantize(Decimal("0.01"))))
    log(f"catalogue: {len(brand_ids)} brands, {len(prods)} products, {len(store_ids)} stores "
        f"({created} created, {time.time() - t0:.1f}s)")
    return brand_ids, store_ids, prods


# ---------------------------------------------------------------- sales

class SaleGen:
    """Sale number k of a run is a pure function of (seed, run, k): threads and retries don't matter."""

    def __init__(self, seed, run, store_ids, prods, end_date, now, live_minutes=None):
        self.seed, self.run = seed, run
        self.store_ids, self.prods = store_ids, prods
        # Popularity is skewed (some products and stores sell much more), like real data.
        wr = random.Random(f"weights:{seed}")
        self.prod_weights = [wr.paretovariate(1.2) for _ in prods]
        self.store_weights = [wr.paretovariate(1.5) for _ in store_ids]
        self.first_day = dt.datetime.combine(end_date - dt.timedelta(days=WINDOW_DAYS - 1), dt.time(),
                                             tzinfo=dt.timezone.utc)
        # Sales may not lie in the future: cap at (now - 2 min) when the window ends today.
        span_end = min(dt.datetime.combine(end_date + dt.timedelta(days=1), dt.time(), tzinfo=dt.timezone.utc),
                       now - dt.timedelta(minutes=2))
        if live_minutes:  # a live feed: every sale happened in the last minutes, as tills send them
            self.first_day = span_end - dt.timedelta(minutes=live_minutes)
        self.span_ms = int((span_end - self.first_day).total_seconds() * 1000)
        if self.span_ms <= 0:
            raise SystemExit("--end-date is in the future")

    def batch(self, b, size):
        """Batch b: (list of sale dicts, orders, units, revenue Decimal)."""
        rng = random.Random(f"sales:{self.seed}:{self.run}:{b}")
        pick_p = rng.choices(range(len(self.prods)), weights=self.prod_weights, k=size)
        pick_s = rng.choices(range(len(self.store_ids)), weights=self.store_weights, k=size)
        sales, units, revenue = [], 0, Decimal(0)
        for j in range(size):
            k = b * BATCH + j
            pid, _brand, price = self.prods[pick_p[j]]
            qty = rng.choices((1, 2, 3, 4, 5, 10), weights=(60, 20, 8, 5, 4, 3))[0]
            at = self.first_day + dt.timedelta(milliseconds=rng.randrange(self.span_ms))
            sale = {"eventId": f"{self.run}-{k:09d}", "productId": pid, "storeId": self.store_ids[pick_s[j]],
                    "quantity": qty, "soldAt": at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"}
            unit = price
            if rng.random() < 0.15:  # a discounted sale names its own unit price
                unit = (price * Decimal(rng.choice((70, 80, 90))) / 100).quantize(Decimal("0.01"))
                if unit <= 0:
                    unit = Decimal("0.01")
                sale["unitPrice"] = float(unit)
            units += qty
            revenue += unit * qty
            sales.append(sale)
        return sales, size, units, revenue


def summary_totals(api, frm, to):
    st, _, body = api.request("GET", f"/stats/summary?from={frm}&to={to}")
    if st != 200:
        raise SystemExit(f"GET /stats/summary: {st} {body}")
    t = body["totals"]
    return int(t["orders"]), int(t["units"]), Decimal(str(t["revenue"])).quantize(Decimal("0.01"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8080", help="gateway base URL (default %(default)s)")
    ap.add_argument("--sales", type=int, default=100000, help="sales to post (default %(default)s)")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default %(default)s)")
    ap.add_argument("--run", default="r1", help="run id, prefix of every eventId (default %(default)s)")
    ap.add_argument("--threads", type=int, default=4, help="concurrent connections (default %(default)s)")
    ap.add_argument("--reuse-catalogue", action="store_true",
                    help="only read the catalogue back from the list endpoints; fail if any of it is missing")
    ap.add_argument("--end-date", help="last day of the 90-day window, YYYY-MM-DD (default today UTC)")
    ap.add_argument("--timeout", type=float, default=120, help="HTTP timeout per request in seconds")
    ap.add_argument("--live-minutes", type=int,
                    help="place every sale in the last N minutes (a live till feed) instead of spreading them over "
                         "the 90-day window (a backfill of history); the rollups then get far fewer distinct rows")
    ap.add_argument("--pregenerate", action="store_true",
                    help="build every batch's JSON before the clock starts, so the rate measures the server, "
                         "not this script (about 140 MB per million sales)")
    args = ap.parse_args()

    if not re.fullmatch(r"[A-Za-z0-9._:-]{1,40}", args.run):
        raise SystemExit("--run must match [A-Za-z0-9._:-]{1,40}")
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to load a non-loopback host {host!r}")

    now = dt.datetime.now(dt.timezone.utc)
    end_date = dt.date.fromisoformat(args.end_date) if args.end_date else now.date()
    frm = (end_date - dt.timedelta(days=WINDOW_DAYS - 1)).isoformat()
    to = end_date.isoformat()

    api = Api(args.url, args.timeout)
    st, _, body = api.request("GET", "/health/ready")
    if st != 200:
        raise SystemExit(f"/health/ready: {st} {body}")

    _brands, store_ids, prods = ensure_catalogue(api, args.seed, create=not args.reuse_catalogue)
    before = summary_totals(api, frm, to)
    log(f"window {frm}..{to}; before: orders={before[0]} units={before[1]} revenue={before[2]}")

    if args.live_minutes and args.end_date:
        raise SystemExit("--live-minutes places sales before now: leave out --end-date")
    gen = SaleGen(args.seed, args.run, store_ids, prods, end_date, now, args.live_minutes)
    nbatches = (args.sales + BATCH - 1) // BATCH
    lock = threading.Lock()
    state = {"next": 0, "accepted": 0, "duplicates": 0, "rejected": 0, "retries": 0, "done_sales": 0,
             "orders": 0, "units": 0, "revenue": Decimal(0), "errors": [], "statuses": {}, "lat": []}

    pregenerated = {}
    if args.pregenerate:
        log(f"pre-generating {nbatches} batches")
        for b in range(nbatches):
            size = min(BATCH, args.sales - b * BATCH)
            sales, orders, units, revenue = gen.batch(b, size)
            pregenerated[b] = (json.dumps({"sales": sales}, separators=(",", ":")).encode(), orders, units, revenue)

    def worker():
        wapi = Api(args.url, args.timeout)
        try:
            while True:
                with lock:
                    if state["errors"] or state["next"] >= nbatches:
                        return
                    b = state["next"]
                    state["next"] += 1
                size = min(BATCH, args.sales - b * BATCH)
                if args.pregenerate:
                    payload, orders, units, revenue = pregenerated.pop(b)
                else:
                    sales, orders, units, revenue = gen.batch(b, size)
                    payload = json.dumps({"sales": sales}).encode()
                attempt, retried = 0, False
                while True:
                    attempt += 1
                    t = time.time()
                    try:
                        st, hdrs, body = wapi.request("POST", "/sales", payload)
                    except OSError as e:  # timeout, reset: the batch may or may not be stored; retry it
                        wapi.close()
                        st, hdrs, body = None, {}, repr(e)
                    with lock:
                        state["statuses"][st] = state["statuses"].get(st, 0) + 1
                        state["lat"].append(time.time() - t)
                    if st == 200:
                        break
                    if st in (503, 504, None) and attempt < 20:
                        wait = float(hdrs.get("retry-after", "1")) if st == 503 else 1.0
                        with lock:
                            state["retries"] += 1
                        log(f"batch {b}: {st} {str(body)[:200]}; retry in {wait:.0f}s")
                        retried = True
                        time.sleep(wait)
                        continue
                    with lock:
                        state["errors"].append(f"batch {b}: HTTP {st} {str(body)[:500]}")
                    return
                acc, dup, rej = body["accepted"], body["duplicates"], body["rejected"]
                with lock:
                    state["accepted"] += acc
                    state["duplicates"] += dup
                    state["rejected"] += rej
                    state["done_sales"] += size
                    state["orders"] += orders
                    state["units"] += units
                    state["revenue"] += revenue
                    if rej:
                        bad = [r for r in body["results"] if r["status"] == "rejected"][:3]
                        state["errors"].append(f"batch {b}: {rej} rejected, e.g. {json.dumps(bad)[:600]}")
                    if dup and not retried:
                        state["errors"].append(f"batch {b}: {dup} duplicates on a first attempt "
                                               f"(run id {args.run!r} already loaded?)")
                    if acc + dup + rej != size:
                        state["errors"].append(f"batch {b}: answered {acc}+{dup}+{rej} for {size} sales")
        finally:
            wapi.close()

    log(f"posting {args.sales} sales (run {args.run!r}, seed {args.seed}) in {nbatches} batches "
        f"of up to {BATCH} on {args.threads} connections")
    t0 = time.time()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.threads)]
    for th in threads:
        th.start()
    last_print, last_done = t0, 0
    while any(th.is_alive() for th in threads):
        time.sleep(0.5)
        now_t = time.time()
        if now_t - last_print >= 10:
            with lock:
                done = state["done_sales"]
            log(f"  {done:>9}/{args.sales} sales  {100.0 * done / args.sales:5.1f}%  "
                f"{(done - last_done) / (now_t - last_print):8.0f} sales/s now  {done / (now_t - t0):8.0f} sales/s avg")
            last_print, last_done = now_t, done
    for th in threads:
        th.join()
    elapsed = time.time() - t0
    lat = sorted(state["lat"])

    def pct(p):
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    rate = state["done_sales"] / elapsed if elapsed > 0 else 0.0
    log(f"posted {state['done_sales']} sales in {elapsed:.1f}s: {rate:.0f} sales/s "
        f"(accepted {state['accepted']}, duplicates {state['duplicates']}, rejected {state['rejected']}, "
        f"retried batches {state['retries']}, HTTP statuses {state['statuses']})")
    log(f"POST /sales batch latency: p50 {pct(0.50):.0f} ms, p90 {pct(0.90):.0f} ms, p99 {pct(0.99):.0f} ms, "
        f"max {pct(1.0):.0f} ms")
    print(f"INGESTION_RATE sales_per_s={rate:.0f} sales={state['done_sales']} seconds={elapsed:.1f}", flush=True)

    ok = True
    for e in state["errors"]:
        log("ERROR " + e)
        ok = False
    if state["done_sales"] != args.sales:
        log(f"ERROR only {state['done_sales']} of {args.sales} sales were answered")
        ok = False

    # Accepted sales are counted once the stats service folds them into its rollups (about every second):
    # the totals are read until they stop short of what was posted, for at most 60 s.
    deadline = time.monotonic() + 60
    after = summary_totals(api, frm, to)
    while after[0] - before[0] < state["orders"] and time.monotonic() < deadline:
        time.sleep(0.2)
        after = summary_totals(api, frm, to)
    d_orders, d_units, d_rev = after[0] - before[0], after[1] - before[1], after[2] - before[2]
    exp_rev = state["revenue"].quantize(Decimal("0.01"))
    log(f"after: orders={after[0]} units={after[1]} revenue={after[2]}")
    log(f"summary delta: orders +{d_orders} (expected +{state['orders']}), units +{d_units} "
        f"(expected +{state['units']}), revenue +{d_rev} (expected +{exp_rev})")
    if d_orders != state["orders"] or d_orders != args.sales:
        log("ERROR orders added do not match the sales posted: lost or doubled sales")
        ok = False
    if d_units != state["units"]:
        log("ERROR units added do not match")
        ok = False
    if d_rev != exp_rev:
        log("ERROR revenue added does not match")
        ok = False
    api.close()
    log("OK: every sale accepted once and counted once" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
