/* Brandstats dashboard: plain JS, no build step. Uses Chart.js (global `Chart`) when it loaded. */
(function () {
  'use strict';

  const REFRESH_MS = 30000;
  const TOP_LIMIT = 10;
  const COLORS = { revenue: '#2f6fde', revenueFill: 'rgba(47,111,222,.55)', units: '#e8873a' };

  const $ = (sel) => document.querySelector(sel);
  const state = {
    currency: 'EUR',
    charts: {},
    seq: 0,            // increases per refresh; late answers of older refreshes are ignored
    inFlight: false,
    timer: null,
  };

  // ---------- formatting ----------
  const locale = undefined; // the browser's
  const intFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pctFmt = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const moneyFmts = {};
  function money(v, compact) {
    const key = state.currency + (compact ? ':c' : '');
    if (!moneyFmts[key]) {
      try {
        moneyFmts[key] = new Intl.NumberFormat(locale, compact
          ? { style: 'currency', currency: state.currency, notation: 'compact', maximumFractionDigits: 1 }
          : { style: 'currency', currency: state.currency });
      } catch (e) { // unknown currency code: plain number + code
        const nf = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        moneyFmts[key] = { format: (x) => nf.format(x) + ' ' + state.currency };
      }
    }
    return moneyFmts[key].format(Number(v) || 0);
  }
  const units = (v) => intFmt.format(Number(v) || 0);
  const nameOf = (item) => (item && item.name != null && item.name !== '' ? item.name : '#' + item.id);

  // ---------- dates (UTC days, as the API) ----------
  const isoDay = (d) => d.toISOString().slice(0, 10);
  function todayUtc() {
    const n = new Date();
    return new Date(Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), n.getUTCDate()));
  }
  function addDays(d, k) { return new Date(d.getTime() + k * 86400000); }
  function parseDay(s) { return new Date(s + 'T00:00:00Z'); }

  function currentWindow() {
    const sel = $('#window-select').value;
    if (sel === 'custom') {
      const from = $('#from-date').value;
      const to = $('#to-date').value;
      if (!from || !to) return { error: 'Choose both dates of the custom window.' };
      if (from > to) return { error: 'The custom window starts after it ends.' };
      return { from, to };
    }
    const days = parseInt(sel, 10) || 30;
    const to = todayUtc();
    return { from: isoDay(addDays(to, -(days - 1))), to: isoDay(to) };
  }

  // ---------- HTTP ----------
  // Keeps each number's source text (e.g. "449.30") in a hidden `__raw` map on its object, where the
  // browser supports JSON.parse source access; otherwise String(number) is used.
  function reviver(key, value, context) {
    if (typeof value === 'number' && context && typeof context.source === 'string' && this && typeof this === 'object') {
      if (!Object.prototype.hasOwnProperty.call(this, '__raw')) {
        Object.defineProperty(this, '__raw', { value: {}, enumerable: false });
      }
      this.__raw[key] = context.source;
    }
    return value;
  }
  function rawOf(obj, key) {
    if (!obj) return '';
    if (obj.__raw && obj.__raw[key] != null) return obj.__raw[key];
    return obj[key] == null ? '' : String(obj[key]);
  }

  class ApiError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  async function api(url) {
    let res;
    try {
      res = await fetch(url, { headers: { Accept: 'application/json, application/problem+json' }, cache: 'no-store' });
    } catch (e) {
      throw new ApiError('The server cannot be reached (' + (e && e.message ? e.message : 'network error') + ').', 0);
    }
    const text = await res.text();
    let body = null;
    if (text) {
      try { body = JSON.parse(text, reviver); } catch (e) { body = null; }
    }
    if (!res.ok) {
      let msg = 'HTTP ' + res.status + (res.statusText ? ' ' + res.statusText : '');
      if (body && typeof body === 'object') {
        msg = body.detail || body.title || msg;
        if (Array.isArray(body.errors) && body.errors.length) {
          msg += ' (' + body.errors.map((e) => (e.field ? e.field + ': ' : '') + e.detail).join('; ') + ')';
        }
      }
      throw new ApiError(msg, res.status);
    }
    if (body === null || typeof body !== 'object') throw new ApiError('The server sent an unreadable answer for ' + url + '.', res.status);
    return body;
  }

  const qs = (params) => Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');

  // ---------- banners ----------
  const SERVICE_FACT = { brand: 'Brand names', product: 'Product names', store: 'Store names' };
  function serviceLabel(svc) { return svc.replace(/[-_]/g, ' '); }

  function showDegraded(metas) {
    const worst = {}; // service -> stale | unavailable
    const rank = { live: 0, cached: 1, stale: 2, unavailable: 3 };
    metas.filter(Boolean).forEach((meta) => {
      Object.entries(meta).forEach(([svc, v]) => {
        if (v !== 'stale' && v !== 'unavailable') return;
        if (!worst[svc] || rank[v] > rank[worst[svc]]) worst[svc] = v;
      });
    });
    const banner = $('#degraded-banner');
    const entries = Object.entries(worst);
    banner.textContent = '';
    if (!entries.length) { banner.hidden = true; banner.removeAttribute('data-services'); return; }
    entries.forEach(([svc, v]) => {
      const fact = SERVICE_FACT[svc] || (serviceLabel(svc).charAt(0).toUpperCase() + serviceLabel(svc).slice(1) + ' data');
      const p = document.createElement('p');
      p.dataset.service = svc;
      p.dataset.freshness = v;
      p.textContent = v === 'stale'
        ? fact + ' are stale: the ' + serviceLabel(svc) + ' service is not answering, showing the last known values.'
        : fact + ' are unavailable: the ' + serviceLabel(svc) + ' service is not answering, showing ids instead.';
      banner.appendChild(p);
    });
    banner.dataset.services = entries.map(([s]) => s).join(',');
    banner.hidden = false;
  }

  function showErrors(messages) {
    const banner = $('#error-banner');
    banner.textContent = '';
    const uniq = [...new Set(messages.filter(Boolean))];
    if (!uniq.length) { banner.hidden = true; return; }
    uniq.forEach((m) => { const p = document.createElement('p'); p.textContent = m; banner.appendChild(p); });
    banner.hidden = false;
  }

  // ---------- overlays ----------
  function overlay(canvasId, stateName, text) {
    const box = document.getElementById(canvasId).parentElement;
    const ov = box.querySelector('.overlay');
    if (!stateName) { ov.hidden = true; ov.removeAttribute('data-state'); return; }
    ov.hidden = false;
    ov.dataset.state = stateName;
    ov.textContent = text;
  }

  // ---------- KPIs ----------
  function setKpi(id, value, raw, prev, fmt) {
    const tile = document.getElementById(id);
    const v = tile.querySelector('.value');
    const d = tile.querySelector('.delta');
    v.textContent = fmt(value);
    v.dataset.raw = raw;
    v.title = raw;
    d.classList.remove('up', 'down');
    const cur = Number(value) || 0;
    const before = Number(prev) || 0;
    if (before === 0) {
      d.textContent = '— vs previous window';
      d.dataset.change = '';
      return;
    }
    const change = (cur - before) / before * 100;
    const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '';
    d.textContent = (arrow ? arrow + ' ' : '') + pctFmt.format(Math.abs(change)) + ' % vs previous window (' + fmt(before) + ')';
    d.dataset.change = change.toFixed(2);
    if (change > 0) d.classList.add('up');
    if (change < 0) d.classList.add('down');
  }

  function renderKpis(summary) {
    const t = summary.totals || {};
    const p = summary.previousTotals || {};
    const aov = t.averageOrderValue != null ? t.averageOrderValue : (t.orders ? t.revenue / t.orders : 0);
    const paov = p.averageOrderValue != null ? p.averageOrderValue : (p.orders ? p.revenue / p.orders : 0);
    setKpi('kpi-revenue', t.revenue, rawOf(t, 'revenue'), p.revenue, (x) => money(x));
    setKpi('kpi-units', t.units, rawOf(t, 'units'), p.units, units);
    setKpi('kpi-orders', t.orders, rawOf(t, 'orders'), p.orders, units);
    setKpi('kpi-aov', aov, t.averageOrderValue != null ? rawOf(t, 'averageOrderValue') : String(aov), paov, (x) => money(x));
  }

  function kpiError() {
    ['kpi-revenue', 'kpi-units', 'kpi-orders', 'kpi-aov'].forEach((id) => {
      const tile = document.getElementById(id);
      const v = tile.querySelector('.value');
      if (v.dataset.raw === '') { v.textContent = '—'; tile.querySelector('.delta').textContent = 'not available'; }
    });
  }

  // ---------- series ----------
  function bucketOf(period, interval) {
    if (interval === 'month') return period.slice(0, 7) + '-01';
    if (interval === 'week') {
      const d = parseDay(period);
      const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
      return isoDay(addDays(d, -dow));
    }
    return period;
  }
  function regroup(daily, interval) {
    if (interval === 'day') return daily;
    const map = new Map();
    daily.forEach((p) => {
      const k = bucketOf(p.period, interval);
      const b = map.get(k) || { period: k, units: 0, revenue: 0, orders: 0 };
      b.units += Number(p.units) || 0;
      b.revenue += Number(p.revenue) || 0;
      b.orders += Number(p.orders) || 0;
      map.set(k, b);
    });
    return [...map.values()].map((b) => ({ ...b, revenue: Math.round(b.revenue * 100) / 100 }));
  }

  const dayLabelFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const monthLabelFmt = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  function periodLabel(period, interval) {
    const d = parseDay(period);
    if (interval === 'month') return monthLabelFmt.format(d);
    if (interval === 'week') return 'wk of ' + dayLabelFmt.format(d);
    return dayLabelFmt.format(d);
  }

  function renderSeries(points, interval, title) {
    $('#series-title').textContent = title;
    const labels = points.map((p) => periodLabel(p.period, interval));
    const revenue = points.map((p) => Number(p.revenue) || 0);
    const unitsData = points.map((p) => Number(p.units) || 0);
    const empty = !points.some((p) => (Number(p.orders) || 0) > 0 || (Number(p.units) || 0) > 0);
    if (!window.Chart) {
      overlay('series-chart', 'error', 'Charts are unavailable (Chart.js did not load).');
      return;
    }
    let chart = state.charts.series;
    if (!chart) {
      chart = state.charts.series = new Chart(document.getElementById('series-chart'), {
        type: 'bar',
        data: {
          labels,
          datasets: [
            { type: 'bar', label: 'Revenue', data: revenue, yAxisID: 'y', backgroundColor: COLORS.revenueFill, borderColor: COLORS.revenue, borderWidth: 1, order: 2 },
            { type: 'line', label: 'Units', data: unitsData, yAxisID: 'y1', borderColor: COLORS.units, backgroundColor: COLORS.units, tension: .25, pointRadius: 2, borderWidth: 2, order: 1 },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: 'index', intersect: false },
          plugins: {
            legend: { position: 'top' },
            tooltip: {
              callbacks: {
                label: (ctx) => ctx.dataset.label + ': ' + (ctx.dataset.yAxisID === 'y' ? money(ctx.parsed.y) : units(ctx.parsed.y)),
              },
            },
          },
          scales: {
            x: { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 } },
            y: { position: 'left', beginAtZero: true, title: { display: true, text: 'Revenue' }, ticks: { callback: (v) => money(v, true) } },
            y1: { position: 'right', beginAtZero: true, title: { display: true, text: 'Units' }, grid: { drawOnChartArea: false }, ticks: { precision: 0, callback: (v) => units(v) } },
          },
        },
      });
    } else {
      chart.data.labels = labels;
      chart.data.datasets[0].data = revenue;
      chart.data.datasets[1].data = unitsData;
      chart.update('none');
    }
    overlay('series-chart', empty ? 'empty' : null, 'No sales in this window');
  }

  // ---------- rankings ----------
  function renderTopChart(canvasId, items) {
    if (!window.Chart) { overlay(canvasId, 'error', 'Charts are unavailable (Chart.js did not load).'); return; }
    const labels = items.map(nameOf);
    const data = items.map((i) => Number(i.revenue) || 0);
    let chart = state.charts[canvasId];
    if (!chart) {
      chart = state.charts[canvasId] = new Chart(document.getElementById(canvasId), {
        type: 'bar',
        data: { labels, datasets: [{ label: 'Revenue', data, backgroundColor: COLORS.revenueFill, borderColor: COLORS.revenue, borderWidth: 1 }] },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: (ctx) => 'Revenue: ' + money(ctx.parsed.x) } },
          },
          scales: {
            x: { beginAtZero: true, ticks: { callback: (v) => money(v, true), maxTicksLimit: 5 } },
            y: { ticks: { autoSkip: false, callback: function (v) { const l = String(this.getLabelForValue(v)); return l.length > 18 ? l.slice(0, 17) + '…' : l; } } },
          },
        },
      });
    } else {
      chart.data.labels = labels;
      chart.data.datasets[0].data = data;
      chart.update('none');
    }
    overlay(canvasId, items.length ? null : 'empty', 'No sales in this window');
  }

  function td(text, cls) {
    const c = document.createElement('td');
    c.textContent = text;
    if (cls) c.className = cls;
    return c;
  }
  function messageRow(tbody, cols, text, cls) {
    tbody.textContent = '';
    const tr = document.createElement('tr');
    tr.className = cls;
    const c = td(text);
    c.colSpan = cols;
    tr.appendChild(c);
    tbody.appendChild(tr);
  }

  function renderTopTable(tbodyId, items) {
    const tbody = document.getElementById(tbodyId);
    if (!items.length) { messageRow(tbody, 4, 'No sales in this window', 'empty'); return; }
    tbody.textContent = '';
    items.forEach((i) => {
      const tr = document.createElement('tr');
      tr.dataset.id = i.id;
      const n = td(nameOf(i), 'name'); n.title = nameOf(i);
      tr.append(n, td(money(i.revenue), 'num'), td(units(i.units), 'num'), td(units(i.orders), 'num'));
      tbody.appendChild(tr);
    });
  }

  function renderTop(kind, items) {
    renderTopChart('top-' + kind + '-chart', items.slice(0, TOP_LIMIT));
    renderTopTable('top-' + kind + '-table', items.slice(0, TOP_LIMIT));
  }
  function topError(kind, msg) {
    overlay('top-' + kind + '-chart', 'error', msg);
    messageRow(document.getElementById('top-' + kind + '-table'), 4, msg, 'error');
  }

  function renderStoreBreakdown(items) {
    const tbody = $('#stores-breakdown-body');
    if (!items.length) { messageRow(tbody, 7, 'No sales in this window', 'empty'); return; }
    const total = items.reduce((s, i) => s + (Number(i.revenue) || 0), 0);
    tbody.textContent = '';
    items.forEach((i, k) => {
      const tr = document.createElement('tr');
      tr.dataset.id = i.id;
      const share = total ? (Number(i.revenue) || 0) / total * 100 : 0;
      const aov = i.orders ? i.revenue / i.orders : 0;
      const n = td(nameOf(i), 'name'); n.title = nameOf(i);
      tr.append(td(String(k + 1), 'num'), n, td(money(i.revenue), 'num'), td(pctFmt.format(share) + ' %', 'num'),
        td(units(i.units), 'num'), td(units(i.orders), 'num'), td(money(aov), 'num'));
      tbody.appendChild(tr);
    });
  }

  // ---------- brands selector ----------
  async function loadBrands() {
    const select = $('#brand-select');
    const brands = [];
    let url = '../brands?limit=100'; // then the server's own `next` links
    let guard = 0;
    try {
      while (url && guard++ < 100) {
        const page = await api(url);
        (page.items || []).forEach((b) => brands.push(b));
        url = page.next || null;
      }
    } catch (e) {
      showErrors(['The brand list could not be loaded: ' + e.message]);
      return;
    }
    brands.sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    const keep = select.value;
    const keepText = select.selectedIndex > 0 ? select.options[select.selectedIndex].textContent : null;
    select.length = 1;
    brands.forEach((b) => {
      const o = document.createElement('option');
      o.value = String(b.id);
      o.textContent = nameOf(b) + (b.status === 'archived' ? ' (archived)' : '');
      select.appendChild(o);
    });
    if (keep && ![...select.options].some((o) => o.value === keep)) {
      const o = document.createElement('option'); // a brand not in the list (e.g. from the address): keep it
      o.value = keep;
      o.textContent = keepText || '#' + keep;
      select.appendChild(o);
    }
    if (keep) select.value = keep;
  }

  // ---------- refresh ----------
  function windowText(w, prev) {
    const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    let s = f.format(parseDay(w.from)) + ' – ' + f.format(parseDay(w.to)) + ' (UTC)';
    if (prev && prev.from) s += ' · compared with ' + f.format(parseDay(prev.from)) + ' – ' + f.format(parseDay(prev.to));
    return s;
  }

  function setLoading(on) {
    $('#refresh-now').disabled = on;
    document.body.classList.toggle('loading', on);
  }

  async function refresh() {
    const w = currentWindow();
    if (w.error) { showErrors([w.error]); return; }
    const seq = ++state.seq;
    state.inFlight = true;
    setLoading(true);
    const interval = $('#interval-select').value;
    const brandId = $('#brand-select').value;
    const base = { from: w.from, to: w.to };
    // Paths are relative to /dashboard/, so "../stats/..." reaches the API on the same server.
    const calls = {
      summary: api('../stats/summary?' + qs(base)),
      brands: api('../stats/top?' + qs({ dimension: 'brands', by: 'revenue', limit: TOP_LIMIT, ...base })),
      products: api('../stats/top?' + qs({ dimension: 'products', by: 'revenue', limit: TOP_LIMIT, ...base })),
      stores: api('../stats/top?' + qs({ dimension: 'stores', by: 'revenue', limit: 100, ...base })),
    };
    if (brandId) calls.brandSeries = api('../stats/brands/' + encodeURIComponent(brandId) + '?' + qs({ ...base, interval }));
    const keys = Object.keys(calls);
    const settled = await Promise.allSettled(keys.map((k) => calls[k]));
    if (seq !== state.seq) return; // a newer refresh started meanwhile
    const r = {};
    keys.forEach((k, i) => { r[k] = settled[i]; });
    const errors = [];
    const metas = [];
    const ok = (k) => r[k] && r[k].status === 'fulfilled';
    const err = (k, what) => { const m = what + ': ' + r[k].reason.message; errors.push(m); return r[k].reason.message; };

    if (ok('summary')) {
      const s = r.summary.value;
      if (s.currency) state.currency = s.currency;
      metas.push(s.meta);
      $('#window-label').textContent = windowText(s.window || w, s.previousWindow);
      renderKpis(s);
    } else {
      err('summary', 'The summary could not be loaded');
      $('#window-label').textContent = windowText(w);
      kpiError();
    }

    if (brandId) {
      if (ok('brandSeries')) {
        const b = r.brandSeries.value;
        metas.push(b.meta);
        if (b.currency) state.currency = b.currency;
        renderSeries(b.series || [], b.interval || interval, 'Revenue and units per ' + interval + ': ' + nameOf(b));
      } else {
        const m = err('brandSeries', 'The brand series could not be loaded');
        overlay('series-chart', 'error', m);
      }
    } else if (ok('summary')) {
      renderSeries(regroup(r.summary.value.daily || [], interval), interval, 'Revenue and units per ' + interval + ': all brands');
    } else {
      overlay('series-chart', 'error', r.summary.reason.message);
    }

    ['brands', 'products', 'stores'].forEach((kind) => {
      if (ok(kind)) {
        metas.push(r[kind].value.meta);
        renderTop(kind, r[kind].value.items || []);
      } else {
        topError(kind, err(kind, 'Top ' + kind + ' could not be loaded'));
      }
    });
    if (ok('stores')) renderStoreBreakdown(r.stores.value.items || []);
    else messageRow($('#stores-breakdown-body'), 7, r.stores.reason.message, 'error');

    showDegraded(metas);
    showErrors(errors);
    const now = new Date();
    const t = $('#updated-at');
    t.textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    t.dateTime = now.toISOString();
    state.inFlight = false;
    setLoading(false);
  }

  function safeRefresh() {
    refresh().catch((e) => {
      state.inFlight = false;
      setLoading(false);
      showErrors(['Unexpected error: ' + (e && e.message ? e.message : e)]);
    });
  }

  function schedule() {
    if (state.timer) { clearInterval(state.timer); state.timer = null; }
    if ($('#auto-refresh').checked) {
      state.timer = setInterval(() => { if (!state.inFlight) safeRefresh(); }, REFRESH_MS);
    }
  }

  function init() {
    const ws = $('#window-select');
    const custom = $('#custom-range');
    const syncCustom = () => {
      custom.hidden = ws.value !== 'custom';
      if (ws.value === 'custom' && (!$('#from-date').value || !$('#to-date').value)) {
        const to = todayUtc();
        $('#from-date').value = isoDay(addDays(to, -29));
        $('#to-date').value = isoDay(to);
      }
    };
    // Optional initial state from the address: ?window=7|30|90|custom&from=&to=&interval=&brand=&refresh=off
    const q = new URLSearchParams(location.search);
    const pick = (sel, v) => { if (v && [...sel.options].some((o) => o.value === v)) sel.value = v; };
    pick(ws, q.get('window'));
    pick($('#interval-select'), q.get('interval'));
    if (q.get('from')) $('#from-date').value = q.get('from');
    if (q.get('to')) $('#to-date').value = q.get('to');
    if (q.get('brand')) {
      const o = document.createElement('option');
      o.value = q.get('brand');
      o.textContent = '#' + q.get('brand');
      $('#brand-select').appendChild(o);
      $('#brand-select').value = o.value;
    }
    if (q.get('refresh') === 'off') $('#auto-refresh').checked = false;
    ws.addEventListener('change', () => { syncCustom(); safeRefresh(); });
    $('#from-date').addEventListener('change', safeRefresh);
    $('#to-date').addEventListener('change', safeRefresh);
    $('#interval-select').addEventListener('change', safeRefresh);
    $('#brand-select').addEventListener('change', safeRefresh);
    $('#refresh-now').addEventListener('click', () => { safeRefresh(); schedule(); });
    $('#auto-refresh').addEventListener('change', schedule);
    syncCustom();
    safeRefresh();
    schedule();
    loadBrands();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
