#!/usr/bin/env python3
"""Live statistics under load: N concurrent GET /stats/live subscribers while sales are ingested at a set rate.

Creates a brand, a store and a product of its own (so every stream starts from zero), opens N event streams on
loopback with a few different filter sets that all match those sales (--groups of them: streams with equal filters
share one aggregate on the gateway), waits for every first event, then posts sales sold two seconds ago at --rate
sales/s in batches every --interval seconds over --connections keep-alive connections (default 1), each sending its
next batch after the previous one's answer, for --duration seconds. It reports:

  - delivery delay: for every (stream, batch), the time the first event counting that batch arrived minus the time
    the batch's POST was acknowledged (negative when the event came first: a batch is published before its answer
    is sent); p50, p90, p99, max. With several connections a batch counts as delivered once the event's units
    include every batch answered before it too (an upper bound: batches may commit in another order);
  - events per stream, streams dropped, heartbeats, and batches never seen by some stream;
  - streams whose last event does not count exactly the units posted (run away from midnight: today resets);
  - the node's JVM RSS (VmRSS of --pid, default bench/.data/server.pid), sampled every second: max and last.

Python 3 standard library only; 127.0.0.1/localhost only; bounded by --duration (plus --drain).

  export BRANDSTATS_TOKEN=$(bench/token.sh)
  python3 bench/live_load.py --url http://127.0.0.1:18181 --subscribers 200 --rate 1000 --duration 30
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import urllib.parse
import uuid

TOKEN = os.environ.get("BRANDSTATS_TOKEN", "")
HERE = os.path.dirname(os.path.abspath(__file__))


def log(msg):
    print(time.strftime("%H:%M:%S ") + msg, flush=True)


async def read_head(reader):
    """Status and headers (lower-case names) of an HTTP/1.1 answer."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed before an answer")
    status = int(status_line.split()[1])
    headers = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            return status, headers
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()


async def read_body(reader, headers):
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                return body
            body += chunk[:-2]
    return await reader.readexactly(int(headers.get("content-length", "0")))


class Client:
    """One keep-alive connection for requests with a JSON body."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, method, path, body=None):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        data = b"" if body is None else json.dumps(body, separators=(",", ":")).encode()
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Length: {len(data)}\r\n"
        if body is not None:
            head += "Content-Type: application/json\r\n"
        if TOKEN:
            head += f"Authorization: Bearer {TOKEN}\r\n"
        self.writer.write(head.encode() + b"\r\n" + data)
        await self.writer.drain()
        status, headers = await read_head(self.reader)
        payload = await read_body(self.reader, headers)
        return status, (json.loads(payload) if payload else None)


class Stream:
    """One event stream: the arrival time and units of each event, as read."""

    def __init__(self, host, port, query):
        self.host, self.port, self.query = host, port, query
        self.events = []          # (arrival time.monotonic(), today units, last hour units)
        self.heartbeats = 0
        self.first = asyncio.get_event_loop().create_future()
        self.dropped = False
        self.writer = None

    async def run(self):
        try:
            reader, self.writer = await asyncio.open_connection(self.host, self.port)
            self.writer.write((f"GET /stats/live?{self.query} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                               "Accept: text/event-stream\r\n\r\n").encode())
            await self.writer.drain()
            status, headers = await read_head(reader)
            if status != 200:
                body = await read_body(reader, headers)
                raise ConnectionError(f"status {status}: {body[:200]!r}")
            pending = b""
            while True:
                size = int((await reader.readline()).split(b";")[0], 16)
                chunk = await reader.readexactly(size + 2)
                if size == 0:
                    break
                pending += chunk[:-2]
                while b"\n\n" in pending:
                    block, pending = pending.split(b"\n\n", 1)
                    self.parse(block.decode())
        except (ConnectionError, asyncio.IncompleteReadError, OSError) as e:
            if not self.first.done():
                self.first.set_exception(e)
        self.dropped = True

    def parse(self, block):
        for line in block.split("\n"):
            if line.startswith(":"):
                self.heartbeats += 1
            elif line.startswith("data: "):
                data = json.loads(line[6:])
                self.events.append((time.monotonic(), data["today"]["units"], data["lastHour"]["units"]))
                if not self.first.done():
                    self.first.set_result(data)

    def close(self):
        if self.writer is not None:
            self.writer.close()


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def main(args):
    url = urllib.parse.urlparse(args.url)
    if url.hostname not in ("127.0.0.1", "localhost"):
        sys.exit("live_load.py talks to 127.0.0.1 or localhost only")
    host, port = url.hostname, url.port or 80
    pid = args.pid
    if pid is None and os.path.exists(os.path.join(HERE, ".data", "server.pid")):
        pid = int(open(os.path.join(HERE, ".data", "server.pid")).read().strip())

    api = Client(host, port)
    run = uuid.uuid4().hex[:8]
    status, brand = await api.request("POST", "/brands", {"name": f"Live Bench {run}", "country": "DE"})
    if status != 201:
        sys.exit(f"POST /brands answered {status} {brand} (is BRANDSTATS_TOKEN set?)")
    _, store = await api.request("POST", "/stores", {"code": f"LB-{run}", "name": f"Live Bench {run}", "city": "Berlin",
                                                     "country": "DE", "channel": "retail"})
    _, product = await api.request("POST", "/products", {"brandId": brand["id"], "sku": f"LB-{run}", "name": "Live Bench",
                                                         "category": "bench", "price": 10.0, "currency": "EUR"})
    b, s, p = brand["id"], store["id"], product["id"]
    filters = [f"brandId={b}", f"storeId={s}", f"productId={p}", f"brandId={b}&country=DE", f"brandId={b}&channel=retail",
               f"brandId={b}&category=bench", f"storeId={s}&currency=EUR", f"productId={p}&storeId={s}",
               f"brandId={b}&storeId={s}", f"brandId={b}&productId={p}&country=DE"][:max(1, args.groups)]

    streams = [Stream(host, port, filters[i % len(filters)]) for i in range(args.subscribers)]
    tasks = [asyncio.ensure_future(stream.run()) for stream in streams]
    started = time.monotonic()
    for i in range(0, len(streams), 50):  # open in steps, as clients would arrive
        await asyncio.wait([s.first for s in streams[i:i + 50]], timeout=30)
    opened = sum(1 for s in streams if s.first.done() and not s.first.exception())
    log(f"{opened}/{len(streams)} streams open with their first event in {time.monotonic() - started:.1f} s "
        f"({len(filters)} filter sets)")
    if opened < len(streams):
        errors = {repr(s.first.exception()) for s in streams if s.first.done() and s.first.exception()}
        log(f"refused or failed: {sorted(errors)[:3]}")

    rss = []
    batch_size = max(1, int(round(args.rate * args.interval)))
    acks = []  # (ack time.monotonic(), cumulative units in the order batches were answered)
    totals = {"units": 0, "batches": 0}
    t0 = time.monotonic()

    async def sampler():
        while pid:
            rss.append(rss_kib(pid))
            await asyncio.sleep(1)

    async def ingest(worker):
        """One connection: every --connections-th batch slot, each batch after the previous one's answer."""
        client = api if worker == 0 else Client(host, port)
        k = worker
        next_at = t0 + worker * args.interval
        while time.monotonic() - t0 < args.duration:
            now = time.monotonic()
            if now < next_at:
                await asyncio.sleep(next_at - now)
            next_at += args.interval * args.connections
            sold = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() - 2)) + ".000Z"
            sales = [{"eventId": f"lb-{run}-{k}-{i}", "productId": p, "storeId": s, "quantity": 1 + (i % 3),
                      "soldAt": sold} for i in range(batch_size)]
            status, result = await client.request("POST", "/sales", {"sales": sales})
            if status != 200 or result["accepted"] != batch_size:
                sys.exit(f"batch {k} answered {status} {str(result)[:200]}")
            totals["units"] += sum(sale["quantity"] for sale in sales)
            totals["batches"] += 1
            acks.append((time.monotonic(), totals["units"]))
            k += args.connections

    sampling = asyncio.ensure_future(sampler())
    await asyncio.gather(*(ingest(worker) for worker in range(args.connections)))
    k = totals["batches"]
    elapsed = time.monotonic() - t0
    await asyncio.sleep(args.drain)
    sampling.cancel()

    delays, missed = [], 0
    for stream in streams:
        if not stream.first.done() or stream.first.exception():
            continue
        base = stream.first.result()["today"]["units"]
        events = stream.events
        j = 0
        for ack_time, cumulative in acks:
            while j < len(events) and events[j][1] - base < cumulative:
                j += 1
            if j == len(events):
                missed += 1
                continue
            delays.append(events[j][0] - ack_time)
    # Every stream's last event must count exactly what was posted: no sale missed, none twice.
    inexact = sum(1 for stream in streams if stream.first.done() and not stream.first.exception()
                  and (not stream.events or stream.events[-1][1] - stream.first.result()["today"]["units"] != totals["units"]))
    for stream in streams:
        stream.close()
    for task in tasks:
        task.cancel()

    sent = k * batch_size
    log(f"ingested {sent} sales in {k} batches of {batch_size} in {elapsed:.1f} s ({sent / elapsed:.0f} sales/s)")
    per_stream = [len(s.events) for s in streams]
    log(f"events per stream: median {statistics.median(per_stream):.0f}, max {max(per_stream)}; heartbeats "
        f"{sum(s.heartbeats for s in streams)}; streams dropped before the end {sum(1 for s in streams if s.dropped)}")
    if delays:
        ms = [d * 1000 for d in delays]
        log(f"delivery delay over {len(ms)} (stream, batch) pairs: p50 {percentile(ms, 50):.0f} ms, "
            f"p90 {percentile(ms, 90):.0f} ms, p99 {percentile(ms, 99):.0f} ms, max {max(ms):.0f} ms; "
            f"never delivered {missed}")
    log(f"streams whose last event does not count exactly the {totals['units']} units posted: {inexact}")
    samples = [r for r in rss if r]
    if samples:
        log(f"node JVM RSS (pid {pid}): max {max(samples) / 1024:.0f} MiB, last {samples[-1] / 1024:.0f} MiB "
            f"({len(samples)} samples)")
    return 0 if missed == 0 and inexact == 0 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:18181")
    parser.add_argument("--subscribers", type=int, default=200)
    parser.add_argument("--groups", type=int, default=10, help="distinct filter sets among the streams (1-10)")
    parser.add_argument("--rate", type=float, default=1000, help="sales per second")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between batches")
    parser.add_argument("--connections", type=int, default=1, help="ingestion connections, taking batch slots in turn")
    parser.add_argument("--duration", type=float, default=30, help="seconds of ingestion")
    parser.add_argument("--drain", type=float, default=3, help="seconds to wait for the last events")
    parser.add_argument("--pid", type=int, help="the node's JVM (default: bench/.data/server.pid)")
    sys.exit(asyncio.run(main(parser.parse_args())))
