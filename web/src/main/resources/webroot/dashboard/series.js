// The panel of the chosen measure over time: the series answer's periods (or the summary's days added up per
// week, Monday first, or month), periods not complete yet drawn pale and labelled, and the comparison
// period's figures as a second series aligned by position.
import { drawSeries, overlay } from './charts.js';
import { addDays, isoDay, parseDay } from './dates.js';
import { MEASURE_LABEL, formatOf, periodLabel } from './format.js';
import { toCsv } from './tables.js';

const CANVAS = 'series-chart';
let shown = { points: [], compare: null, measure: 'revenue' }; // for the CSV export

function bucketOf(period, interval) {
  if (interval === 'month') return period.slice(0, 7) + '-01';
  if (interval === 'week') {
    const d = parseDay(period);
    const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
    return isoDay(addDays(d, -dow));
  }
  return period;
}

function lastDayOf(period, interval) {
  if (interval === 'day') return period;
  if (interval === 'week') return isoDay(addDays(parseDay(period), 6));
  const d = parseDay(period);
  return isoDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

/**
 * Daily points added up per interval, each bucket named by its first day. A bucket is complete when each of its
 * days is (a day's `complete`, where the answer has it) and it lies wholly inside the window.
 */
export function regroup(daily, interval, window) {
  const map = new Map();
  daily.forEach((p) => {
    const k = bucketOf(p.period, interval);
    const b = map.get(k) || { period: k, units: 0, revenue: 0, orders: 0, complete: true };
    b.units += Number(p.units) || 0;
    b.revenue += Number(p.revenue) || 0;
    b.orders += Number(p.orders) || 0;
    if (p.complete === false) b.complete = false;
    map.set(k, b);
  });
  return [...map.values()].map((b) => ({
    ...b,
    revenue: Math.round(b.revenue * 100) / 100,
    complete: b.complete && (interval === 'day' || !window || (b.period >= window.from && lastDayOf(b.period, interval) <= window.to)),
  }));
}

/** Points of a series answer as drawn: `complete` absent means complete. */
export const pointsOf = (series) => (series || []).map((p) => ({ ...p, complete: p.complete !== false }));

/**
 * @param points  the window's points
 * @param compare the comparison's points, aligned by position, or null
 * @param opts    { interval, measure, title, compareLabel }
 */
export function showSeries(points, compare, opts) {
  shown = { points, compare, measure: opts.measure, interval: opts.interval, opts };
  document.getElementById('series-title').textContent = opts.title;
  const value = (p) => (p ? Number(p[opts.measure]) || 0 : null);
  const format = formatOf(opts.measure);
  const labels = points.map((p) => periodLabel(p.period, opts.interval) + (p.complete ? '' : ' (so far)'));
  const partial = points.filter((p) => !p.complete).length;
  const empty = !points.some((p) => (Number(p.orders) || 0) > 0 || (Number(p.units) || 0) > 0);
  drawSeries(CANVAS, {
    labels,
    values: points.map(value),
    complete: points.map((p) => p.complete),
    compare: compare ? points.map((p, i) => value(compare[i])) : null,
    label: MEASURE_LABEL[opts.measure],
    compareLabel: opts.compareLabel,
    format: (v) => format(v),
    formatAxis: (v) => format(v, true),
    tooltipTitle: (i) => labels[i] + (compare && compare[i] ? ' · compared with ' + periodLabel(compare[i].period, opts.interval) : ''),
  }, { empty, text: 'No sales in this window' });
  document.getElementById('series-note').textContent = partial
    ? 'Pale bars marked “so far” are periods not complete yet (still in progress, or only partly inside the window).'
    : '';
}

/**
 * What arrived since the fetch (the live feed's today minus the fetched today) added to the period holding that
 * day, so the chart stays current without fetching it again.
 */
export function addToDay(day, delta) {
  const base = shown.base || shown.points;
  const k = base.findIndex((p) => p.period <= day && lastDayOf(p.period, shown.interval) >= day);
  if (k < 0) return;
  const points = base.slice();
  const p = base[k];
  points[k] = { ...p, units: p.units + delta.units, orders: p.orders + delta.orders,
    revenue: Math.round((Number(p.revenue) + delta.revenue) * 100) / 100 };
  const opts = shown.opts;
  showSeries(points, shown.compare, opts);
  shown.base = base;
}

export const seriesUnavailable = (message) => overlay(CANVAS, 'error', message);

/** The series shown, as CSV: period, complete, the measures, and the comparison's. */
export function seriesCsv() {
  const header = ['period', 'complete', 'revenue', 'units', 'orders'];
  if (shown.compare) header.push('comparisonPeriod', 'comparisonRevenue', 'comparisonUnits', 'comparisonOrders');
  return toCsv(header, shown.points.map((p, i) => {
    const row = [p.period, p.complete, p.revenue, p.units, p.orders];
    const c = shown.compare && shown.compare[i];
    if (shown.compare) row.push(c ? c.period : '', c ? c.revenue : '', c ? c.units : '', c ? c.orders : '');
    return row;
  }));
}
