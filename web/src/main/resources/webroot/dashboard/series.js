// The panel of revenue and units over time: the answer's days, or those days added up per week
// (Monday first) or month.
import { drawRevenueAndUnits, overlay } from './charts.js';
import { addDays, isoDay, parseDay } from './dates.js';
import { periodLabel } from './format.js';

const CANVAS = 'series-chart';

function bucketOf(period, interval) {
  if (interval === 'month') return period.slice(0, 7) + '-01';
  if (interval === 'week') {
    const d = parseDay(period);
    const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
    return isoDay(addDays(d, -dow));
  }
  return period;
}

/** Daily points added up per interval, each bucket named by its first day. */
export function regroup(daily, interval) {
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

export function showSeries(points, interval, title) {
  document.getElementById('series-title').textContent = title;
  const labels = points.map((p) => periodLabel(p.period, interval));
  const revenue = points.map((p) => Number(p.revenue) || 0);
  const unitCounts = points.map((p) => Number(p.units) || 0);
  const empty = !points.some((p) => (Number(p.orders) || 0) > 0 || (Number(p.units) || 0) > 0);
  if (drawRevenueAndUnits(CANVAS, labels, revenue, unitCounts)) {
    overlay(CANVAS, empty ? 'empty' : null, 'No sales in this window');
  }
}

export const seriesUnavailable = (message) => overlay(CANVAS, 'error', message);
