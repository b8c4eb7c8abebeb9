// The key figures: revenue, units, orders and average order value, each against the comparison period. Each
// value keeps the number as the API wrote it in `data-raw` and in full in its tooltip; a value too wide for its
// tile is abbreviated (1.2M €) rather than cut.
import { rawOf } from './api.js';
import { money, percent, units } from './format.js';

const TILES = ['kpi-revenue', 'kpi-units', 'kpi-orders', 'kpi-aov'];
const AGAINST = { previous: 'vs previous period', year: 'vs year ago' };

/** Each tile's full value, or its short one where that is too wide: all written, then all measured (one layout, not four). */
function fitAll() {
  const values = TILES.map((id) => document.querySelector('#' + id + ' .value')).filter((v) => v.dataset.full);
  values.forEach((v) => { v.textContent = v.dataset.full; });
  values.filter((v) => v.scrollWidth > v.clientWidth).forEach((v) => { v.textContent = v.dataset.short; });
}

function setKpi(id, value, raw, prev, fmt, against) {
  const tile = document.getElementById(id);
  const v = tile.querySelector('.value');
  const d = tile.querySelector('.delta');
  v.dataset.full = fmt(value);
  v.dataset.short = fmt(value, true);
  v.dataset.raw = raw;
  v.title = v.dataset.full;
  d.classList.remove('up', 'down');
  if (prev == null) { d.textContent = '\u00a0'; d.dataset.change = ''; return; }
  const cur = Number(value) || 0;
  const before = Number(prev) || 0;
  if (before === 0) {
    d.textContent = '— ' + against + ' (none then)';
    d.dataset.change = '';
    return;
  }
  const change = (cur - before) / before * 100;
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '';
  d.textContent = (arrow ? arrow + ' ' : '') + percent(Math.abs(change)) + ' % ' + against + ' (' + fmt(before, true) + ')';
  d.title = fmt(before);
  d.dataset.change = change.toFixed(2);
  if (change > 0) d.classList.add('up');
  if (change < 0) d.classList.add('down');
}

const averageOrder = (t) => (t.orders ? Math.round(t.revenue / t.orders * 100) / 100 : 0);
const cents = (x) => (Math.round(x * 100) / 100).toFixed(2);

/**
 * The figures of a summary answer (or of one updated live: `live` true, its numbers computed here).
 * @param compare previous | year: what the deltas are against
 */
export function showKpis(summary, compare, live) {
  const t = summary.totals || {};
  const p = summary.previousTotals || null;
  const against = AGAINST[compare] || AGAINST.previous;
  const raw = (k) => (live ? (k === 'revenue' ? cents(t[k]) : String(t[k])) : rawOf(t, k));
  const aovRaw = !live && t.averageOrderValue != null ? rawOf(t, 'averageOrderValue') : cents(averageOrder(t));
  setKpi('kpi-revenue', t.revenue, raw('revenue'), p && p.revenue, money, against);
  setKpi('kpi-units', t.units, raw('units'), p && p.units, units, against);
  setKpi('kpi-orders', t.orders, raw('orders'), p && p.orders, units, against);
  const aov = (x) => (!live && x.averageOrderValue != null ? x.averageOrderValue : averageOrder(x));
  setKpi('kpi-aov', aov(t), aovRaw, p && aov(p), money, against);
  fitAll();
}

/** The summary failed: tiles that never had a value say so; ones that had keep it. */
export function kpisUnavailable() {
  TILES.forEach((id) => {
    const tile = document.getElementById(id);
    const v = tile.querySelector('.value');
    if (v.dataset.raw === '') { v.textContent = '—'; tile.querySelector('.delta').textContent = 'not available'; }
  });
}

// A narrower screen may need the short form, a wider one allows the full one again.
window.addEventListener('resize', fitAll);
