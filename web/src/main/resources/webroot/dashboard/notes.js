// What a reader needs to know to read the figures right: a filter this server did not apply, a comparison other
// than the one asked for, a comparison window with much less data, figures in other currencies left out.
import { addDays, isoDay, parseDay } from './dates.js';
import { instant } from './format.js';
import { FILTERS, activeFilters } from './state.js';

const DAY_MS = 86400000;
const days = (w) => Math.round((parseDay(w.to) - parseDay(w.from)) / DAY_MS) + 1;

function yearEarlier(day) {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate(); // Feb 29 becomes Feb 28
  return isoDay(new Date(Date.UTC(y - 1, m - 1, Math.min(d, last))));
}

/** The window the figures are compared with: as the answer names it, else as the API defines it. */
export function comparisonWindow(summary, compare, win) {
  if (summary && summary.previousWindow && summary.previousWindow.from) return summary.previousWindow;
  if (compare === 'year') return { from: yearEarlier(win.from), to: yearEarlier(win.to) };
  const from = parseDay(win.from);
  return { from: isoDay(addDays(from, -days(win))), to: isoDay(addDays(from, -1)) };
}

const withSales = (daily) => (daily || []).filter((p) => (Number(p.orders) || 0) > 0).length;
const label = (key) => FILTERS.find((f) => f.key === key).label.toLowerCase();

export function readingNotes(s, summary, cmpSummary, cmpWin) {
  const notes = [];
  const active = Object.keys(activeFilters(s));
  const applied = summary.filters ? Object.keys(summary.filters) : [];
  const ignored = active.filter((k) => !applied.includes(k));
  if (ignored.length) {
    notes.push('This server does not narrow the key figures and rankings by ' + ignored.map(label).join(', ')
      + ' yet: they count all sales' + (active.some((k) => /Id$/.test(k)) ? ' (the chart over time is the one chosen).' : '.'));
  }
  if (s.compare === 'year' && summary.compare !== 'year') {
    notes.push('This server compares with the previous period only, not with a year ago.');
  }
  const c = summary.comparison || {};
  const now = c.daysWithSales != null ? c.daysWithSales : (summary.daily ? withSales(summary.daily) : null);
  const then = c.previousDaysWithSales != null ? c.previousDaysWithSales : (cmpSummary ? withSales(cmpSummary.daily) : null);
  if (now != null && then != null && now > 0 && then < now / 2) {
    notes.push('The comparison window has sales on ' + then + ' of ' + days(cmpWin) + ' days (this one on ' + now
      + '): its changes say little.');
  }
  if (c.likeForLike && c.cutAt) {
    notes.push('Today so far is compared like for like: the comparison window is counted up to ' + instant(c.cutAt) + '.');
  }
  const others = (summary.otherCurrencies || []).filter((o) => Number(o.revenue) > 0);
  if (others.length) {
    notes.push('Also sold in other currencies (not converted, not in the revenue above): '
      + others.map((o) => o.revenue + ' ' + o.currency).join(', ') + '.');
  }
  return notes;
}
