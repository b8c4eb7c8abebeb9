// The one view state of the page: window, comparison, measure, currency, interval and the filters. It lives in
// the address's query string (bookmark, share, reload, back and forward all show the same view); every tile
// reads it from here. Parameter names are the statistics API's own.
import { lastDays } from './dates.js';

/** Filters as the API names them, with the dimension of /stats/top that each one narrows. */
export const FILTERS = [
  { key: 'brandId', dimension: 'brands', label: 'Brand' },
  { key: 'productId', dimension: 'products', label: 'Product' },
  { key: 'storeId', dimension: 'stores', label: 'Store' },
  { key: 'category', dimension: 'categories', label: 'Category' },
  { key: 'country', dimension: 'countries', label: 'Country' },
  { key: 'channel', dimension: 'channels', label: 'Channel' },
];

/** The dimensions /stats/top ranks, in the order the panels show them. */
export const DIMENSIONS = FILTERS.map((f) => f.dimension);
/** How many items each ranking shows. */
export const TOP_LIMIT = 10;

const DEFAULTS = { window: '30', from: '', to: '', compare: 'previous', measure: 'revenue', currency: '', interval: 'day', refresh: 'on' };
const CHOICES = {
  window: ['7', '30', '90', '365', 'custom'],
  compare: ['previous', 'year'],
  measure: ['revenue', 'units', 'orders'],
  interval: ['day', 'week', 'month'],
  refresh: ['on', 'off'],
};
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KEYS = [...Object.keys(DEFAULTS), ...FILTERS.map((f) => f.key)];

let state = read(location.search);
const listeners = [];

/** The state an address describes; values it cannot hold fall back to the defaults. */
function read(search) {
  const q = new URLSearchParams(search);
  const s = { ...DEFAULTS };
  KEYS.forEach((k) => {
    const v = q.get(k);
    if (v == null || v === '') return;
    if (CHOICES[k] && !CHOICES[k].includes(v)) return;
    if ((k === 'from' || k === 'to') && !DAY.test(v)) return;
    if (k === 'currency' && !/^[A-Z]{3}$/.test(v)) return;
    s[k] = v;
  });
  if (s.window === 'custom' && (!s.from || !s.to)) Object.assign(s, lastDays(30));
  return s;
}

function write(s) {
  const q = new URLSearchParams();
  KEYS.forEach((k) => {
    if (s[k] == null || s[k] === '' || s[k] === DEFAULTS[k]) return;
    if ((k === 'from' || k === 'to') && s.window !== 'custom') return;
    q.set(k, s[k]);
  });
  const text = q.toString();
  return location.pathname + (text ? '?' + text : '');
}

export const view = () => state;

/** The window asked for: { from, to } (today included), or { error } for a custom one that is reversed. */
export function windowOf(s) {
  if (s.window !== 'custom') return lastDays(parseInt(s.window, 10));
  if (s.from > s.to) return { error: 'The custom window starts after it ends.' };
  return { from: s.from, to: s.to };
}

/** The filters set, as { key: value }. */
export const activeFilters = (s) => Object.fromEntries(FILTERS.filter((f) => s[f.key]).map((f) => [f.key, s[f.key]]));

/** Changes the view: a new history entry (back returns to the previous view), then every listener runs. */
export function change(patch) {
  const next = { ...state, ...patch };
  if (next.window === 'custom' && (!next.from || !next.to)) Object.assign(next, lastDays(30));
  state = next;
  history.pushState(null, '', write(state));
  listeners.forEach((l) => l(state));
}

export function onChange(listener) {
  listeners.push(listener);
}

// Back and forward: the address is the state.
window.addEventListener('popstate', () => {
  state = read(location.search);
  listeners.forEach((l) => l(state));
});

/** Writes the address as the state reads it (drops what it could not hold), without a history entry. */
export const normalizeAddress = () => history.replaceState(null, '', write(state));
