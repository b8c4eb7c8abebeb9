#!/usr/bin/env python3
"""Cold loads of the dashboard in headless Chromium: bytes transferred and time until its charts are drawn.

Usage: bench/dashboard-load.py URL [URL ...] [--runs N] [--settle SECONDS] [--watch-from-start]
Each run is a fresh browser profile (empty cache). --settle S first opens about:blank and waits S seconds, so the
page is loaded by a browser that has finished starting (a fresh headless Chromium spends about two CPU-seconds
on its own start-up, its omnibox pages included, and on a 2-core machine that work lands in the page's load);
without it (the default) the page is the new browser's first navigation. By default the check for the charts starts
once the page has loaded (chromedriver runs it then), so it also waits for whatever the page does meanwhile;
--watch-from-start installs the same check before the page's first byte, so the time is the frame the charts
are painted in. Drives Debian's chromium through chromedriver's
W3C HTTP API, so it needs nothing but Python 3. "charts" is the time from navigation start until the
revenue KPI has its figure and every chart canvas has data; the bytes are counted 3 s later, so what the page
loads after its charts counts too.
"""
import json, socket, subprocess, sys, time, urllib.request, statistics

RUNS = 5
SETTLE = 0.0
args = sys.argv[1:]
FROM_START = '--watch-from-start' in args
if FROM_START: args.remove('--watch-from-start')
if '--runs' in args:
    i = args.index('--runs'); RUNS = int(args[i + 1]); del args[i:i + 2]
if '--settle' in args:
    i = args.index('--settle'); SETTLE = float(args[i + 1]); del args[i:i + 2]

def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p

def call(port, method, path, body=None):
    req = urllib.request.Request('http://127.0.0.1:%d%s' % (port, path), method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read() or b'{}').get('value')
    except urllib.error.HTTPError as e:
        raise RuntimeError('chromedriver %s %s: %s' % (method, path, e.read()[:500])) from None

# Records in window.__chartsAt the frame in which the KPI and the charts are first all there.
WATCH = """
(function watch() {
  const ids = ['series-chart', 'top-brands-chart', 'top-products-chart', 'top-stores-chart'];
  const raw = document.querySelector('#kpi-revenue .value');
  const drawn = window.Chart && ids.every((id) => { const el = document.getElementById(id); const c = el && Chart.getChart(el);
    return c && c.data.datasets.length && c.data.datasets[0].data.length; });
  if (raw && raw.dataset.raw && drawn) requestAnimationFrame(() => { window.__chartsAt = performance.now(); });
  else setTimeout(watch, 10);
})();
"""

CHARTS_DRAWN = """
const done = arguments[arguments.length - 1];
if (window.__watching) { // the check installed before the page: its frame, once it has one
  (function wait() { if (window.__chartsAt) report(window.__chartsAt); else setTimeout(wait, 10); })();
  return;
}
const ids = ['series-chart', 'top-brands-chart', 'top-products-chart', 'top-stores-chart'];
(function wait() {
  const raw = document.querySelector('#kpi-revenue .value');
  const drawn = window.Chart && ids.every((id) => { const c = Chart.getChart(document.getElementById(id));
    return c && c.data.datasets.length && c.data.datasets[0].data.length; });
  if (raw && raw.dataset.raw && drawn) requestAnimationFrame(() => report(performance.now()));
  else setTimeout(wait, 10);
})();
function report(charts) {
  setTimeout(() => { // what the page loads after its charts counts too
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    done({ charts, bytes: nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0),
           files: res.length + 1, decoded: nav.decodedBodySize + res.reduce((s, r) => s + r.decodedBodySize, 0) });
  }, 3000);
}
"""

def one(url):
    port = free_port()
    driver = subprocess.Popen(['/usr/bin/chromedriver', '--port=%d' % port], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try: call(port, 'GET', '/status'); break
            except Exception: time.sleep(0.05)
        caps = {'capabilities': {'alwaysMatch': {'browserName': 'chrome', 'goog:chromeOptions': {
            'binary': '/usr/bin/chromium',
            'args': ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1280,1400']}}}}
        sid = call(port, 'POST', '/session', caps)['sessionId']
        try:
            call(port, 'POST', '/session/%s/timeouts' % sid, {'script': 30000})
            if SETTLE:
                call(port, 'POST', '/session/%s/url' % sid, {'url': 'about:blank'})
                time.sleep(SETTLE)
            if FROM_START:
                call(port, 'POST', '/session/%s/goog/cdp/execute' % sid, {'cmd': 'Page.addScriptToEvaluateOnNewDocument',
                     'params': {'source': 'window.__watching = true;' + WATCH}})
            call(port, 'POST', '/session/%s/url' % sid, {'url': url})
            return call(port, 'POST', '/session/%s/execute/async' % sid, {'script': CHARTS_DRAWN, 'args': []})
        finally:
            call(port, 'DELETE', '/session/%s' % sid)
    finally:
        driver.terminate(); driver.wait()

rows = []
for r in range(RUNS):
    for url in args:  # interleaved, so both pages see the same machine load
        m = one(url); rows.append((url, m))
        print('%-50s run %d: %7.1f KB transferred (%6.1f KB decoded, %2d files), charts at %5.0f ms'
              % (url, r + 1, m['bytes'] / 1024, m['decoded'] / 1024, m['files'], m['charts']), flush=True)
for url in args:
    ms = [m for u, m in rows if u == url]
    print('%-50s median of %d: %.1f KB, charts at %.0f ms (min %.0f, max %.0f)' % (url, len(ms),
          statistics.median(m['bytes'] for m in ms) / 1024, statistics.median(m['charts'] for m in ms),
          min(m['charts'] for m in ms), max(m['charts'] for m in ms)))
