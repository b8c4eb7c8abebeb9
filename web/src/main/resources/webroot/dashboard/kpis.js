// The key figures: revenue, units, orders and average order value, each against the previous window.
// Each value keeps the number as the API wrote it in `data-raw`.
import { rawOf } from './api.js';
import { money, percent, units } from './format.js';

const TILES = ['kpi-revenue', 'kpi-units', 'kpi-orders', 'kpi-aov'];

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
  d.textContent = (arrow ? arrow + ' ' : '') + percent(Math.abs(change)) + ' % vs previous window (' + fmt(before) + ')';
  d.dataset.change = change.toFixed(2);
  if (change > 0) d.classList.add('up');
  if (change < 0) d.classList.add('down');
}

const averageOrder = (t) => (t.averageOrderValue != null ? t.averageOrderValue : (t.orders ? t.revenue / t.orders : 0));

/** The figures of a /stats/summary answer. */
export function showKpis(summary) {
  const t = summary.totals || {};
  const p = summary.previousTotals || {};
  const aovRaw = t.averageOrderValue != null ? rawOf(t, 'averageOrderValue') : String(averageOrder(t));
  setKpi('kpi-revenue', t.revenue, rawOf(t, 'revenue'), p.revenue, (x) => money(x));
  setKpi('kpi-units', t.units, rawOf(t, 'units'), p.units, units);
  setKpi('kpi-orders', t.orders, rawOf(t, 'orders'), p.orders, units);
  setKpi('kpi-aov', averageOrder(t), aovRaw, averageOrder(p), (x) => money(x));
}

/** The summary failed: tiles that never had a value say so; ones that had keep it. */
export function kpisUnavailable() {
  TILES.forEach((id) => {
    const tile = document.getElementById(id);
    const v = tile.querySelector('.value');
    if (v.dataset.raw === '') { v.textContent = '—'; tile.querySelector('.delta').textContent = 'not available'; }
  });
}
