// The calls a view needs, built from the view state alone. Parameter names are the statistics API's; an older
// server that does not know one either ignores it (the answer then lacks `filters`, and the page says so) or
// refuses it with a 400 naming it (then the page asks the way that server understands, or says what it lacks).
import { ApiError, getJson, query } from './api.js';
import { capabilities } from './capabilities.js';
import { DIMENSIONS, TOP_LIMIT, activeFilters } from './state.js';

export const STORES_LISTED = 100;
const ENTITY = [['productId', 'products'], ['storeId', 'stores'], ['brandId', 'brands']];

const refuses = (e, param) => e instanceof ApiError && e.status === 400 && e.message.includes(param);

/** The parameters every statistics call of this view shares. */
export function shared(s, win) {
  return { from: win.from, to: win.to, currency: s.currency, compare: s.compare, ...activeFilters(s) };
}

/** The entity whose series the chart shows ({ key, kind, id }), or null for all sales (the summary's days). */
export function seriesEntity(s) {
  const found = ENTITY.find(([key]) => s[key]);
  return found ? { key: found[0], kind: found[1], id: s[found[0]] } : null;
}

const ALWAYS = ['brands', 'products', 'stores'];
const lacks = (dimension) => new ApiError('This server does not rank ' + dimension + ' yet.', 400);

/**
 * A ranking by the view's measure. What every server has is asked at once; the rest once the contract says this
 * server has it (else: a dimension it lacks is a note in its panel, a measure it cannot rank by is ranked here).
 */
async function top(dimension, limit, by, params) {
  const ask = (b) => getJson('../stats/top?' + query({ dimension, by: b, limit, ...params }));
  if (ALWAYS.includes(dimension) && by !== 'orders') return ask(by);
  const can = await capabilities();
  if (!can.dimensions.has(dimension)) throw lacks(dimension);
  return ask(by === 'orders' && !can.byOrders ? 'revenue' : by).catch((e) => {
    if (refuses(e, 'dimension')) throw lacks(dimension);
    throw e;
  });
}

/** A series of the entity (its own filter is the path), for the window given. */
export function entitySeries(entity, s, params, win) {
  const p = { ...params, from: win.from, to: win.to, interval: s.interval };
  delete p[entity.key];
  return getJson('../stats/' + entity.kind + '/' + encodeURIComponent(entity.id) + '?' + query(p));
}

const FIRST = ['brands', 'products', 'stores'];

/** The calls the first screen needs, by name, all started at once: the charts are drawn from these. */
export function requests(s, win) {
  const params = shared(s, win);
  const calls = { summary: getJson('../stats/summary?' + query(params), true) }; // the KPIs show its totals as written
  FIRST.forEach((dim) => { calls[dim] = top(dim, dim === 'stores' ? STORES_LISTED : TOP_LIMIT, s.measure, params); });
  const entity = seriesEntity(s);
  if (entity) calls.series = entitySeries(entity, s, params, win);
  return calls;
}

/** The rankings further down, asked once the first screen is drawn so they do not slow it. */
export function laterRequests(s, win) {
  const params = shared(s, win);
  return Object.fromEntries(DIMENSIONS.filter((d) => !FIRST.includes(d)).map((dim) => [dim, top(dim, TOP_LIMIT, s.measure, params)]));
}

/** The figures of the comparison window, for the second series: the summary's days, or the entity's series. */
export function comparisonCall(s, params, win) {
  const entity = seriesEntity(s);
  if (entity) return entitySeries(entity, s, params, win);
  return getJson('../stats/summary?' + query({ ...params, from: win.from, to: win.to }));
}

/** Query strings that follow today: the live feed's (filters, currency) and a summary of today alone. */
export function todayQueries(s, day) {
  const filters = { ...activeFilters(s), currency: s.currency };
  return { live: query(filters), today: query({ ...filters, from: day, to: day }) };
}
