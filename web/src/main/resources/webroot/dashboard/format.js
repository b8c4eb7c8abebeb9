// How numbers, money and days read on the page: in the browser's locale, money in the currency the
// statistics answered in.
import { parseDay } from './dates.js';

const locale = undefined; // the browser's

// Each formatter is made on first use: making seven at load took tens of milliseconds before the page could ask
// the API for anything.
const lazy = (make) => { let f = null; return () => f || (f = make()); };
const intFmt = lazy(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }));
const pctFmt = lazy(() => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const dayLabelFmt = lazy(() => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }));
const monthLabelFmt = lazy(() => new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }));
const windowFmt = lazy(() => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
const compactFmt = lazy(() => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }));
const instantFmt = lazy(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }));

let currency = 'EUR';
const moneyFmts = {};

/** Money is shown in this currency from now on (the one the last answer named; none: unchanged). */
export function setCurrency(code) {
  if (code) currency = code;
}

export function money(v, compact) {
  const key = currency + (compact ? ':c' : '');
  if (!moneyFmts[key]) {
    try {
      moneyFmts[key] = new Intl.NumberFormat(locale, compact
        ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }
        : { style: 'currency', currency });
    } catch (e) { // unknown currency code: plain number + code
      const nf = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      const code = currency;
      moneyFmts[key] = { format: (x) => nf.format(x) + ' ' + code };
    }
  }
  return moneyFmts[key].format(Number(v) || 0);
}

export const units = (v, compact) => (compact ? compactFmt : intFmt)().format(Number(v) || 0);

/** How a measure's numbers read: money for revenue, whole numbers for units and orders. */
export const formatOf = (measure) => (measure === 'revenue' ? money : units);
export const MEASURE_LABEL = { revenue: 'Revenue', units: 'Units', orders: 'Orders' };

/** An instant (ISO date-time) in the browser's zone; '—' when absent. */
export const instant = (iso) => (iso ? instantFmt().format(new Date(iso)) : '—');
export const percent = (v) => pctFmt().format(v);
export const nameOf = (item) => (item && item.name != null && item.name !== '' ? item.name : (item.id != null ? '#' + item.id : String(item.key)));

/** A period of a series as its axis shows it: a day, "wk of" its Monday, or a month. */
export function periodLabel(period, interval) {
  const d = parseDay(period);
  if (interval === 'month') return monthLabelFmt().format(d);
  if (interval === 'week') return 'wk of ' + dayLabelFmt().format(d);
  return dayLabelFmt().format(d);
}

export const dayText = (day) => windowFmt().format(parseDay(day));

/** The window shown (in the reporting zone), and the one it is compared with when the answer names it. */
export function windowText(w, prev, zone) {
  let s = dayText(w.from) + ' – ' + dayText(w.to) + ' (' + (zone || 'UTC') + ')';
  if (prev && prev.from) s += ' · compared with ' + dayText(prev.from) + ' – ' + dayText(prev.to);
  return s;
}
