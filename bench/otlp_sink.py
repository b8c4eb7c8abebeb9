#!/usr/bin/env python3
"""A do-nothing OTLP/HTTP receiver on loopback for benchmarks of tracing's cost: answers 200 to every
POST /v1/traces and counts the bytes it was sent, so the node pays the real cost of exporting spans.

  python3 bench/otlp_sink.py [PORT]     default 14318; GET / answers the request and byte counts
"""
import http.server
import json
import sys
import threading

counts = {"requests": 0, "bytes": 0}
lock = threading.Lock()


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            counts["requests"] += 1
            counts["bytes"] += len(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        with lock:
            payload = json.dumps(counts).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 14318
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Sink).serve_forever()
