// The ranking panels (brands, products, stores, categories, countries, channels): a chart of the first ten by
// the chosen measure and a sortable table; clicking a bar or a row narrows the whole view to it.
import { drawRanking, overlay } from './charts.js';
import { MEASURE_LABEL, formatOf, money, nameOf, units } from './format.js';
import { TOP_LIMIT } from './state.js';
import { fillTable, messageRow } from './tables.js';

export { DIMENSIONS } from './state.js';
const NO_SALES = 'No sales in this window';

const canvasOf = (dim) => 'top-' + dim + '-chart';
const tableOf = (dim) => document.getElementById('top-' + dim);

const COLUMNS = [
  { key: 'name', text: nameOf, value: nameOf, cls: 'name', title: nameOf },
  { key: 'revenue', text: (i) => money(i.revenue), value: (i) => Number(i.revenue) || 0, cls: 'num m-revenue' },
  { key: 'units', text: (i) => units(i.units), value: (i) => Number(i.units) || 0, cls: 'num m-units' },
  { key: 'orders', text: (i) => units(i.orders), value: (i) => Number(i.orders) || 0, cls: 'num m-orders' },
];

/**
 * @param items  the answer's items, ranked by `measure` (sorted here again: an older server ranks by revenue only)
 * @param onPick called with the item clicked
 * @param tableWhen runs the filling of the table: at once, unless the caller would rather draw other charts first
 */
export function showRanking(dim, items, measure, onPick, tableWhen = (fill) => fill()) {
  const ranked = [...items].sort((a, b) => (Number(b[measure]) || 0) - (Number(a[measure]) || 0)).slice(0, TOP_LIMIT);
  const format = formatOf(measure);
  drawRanking(canvasOf(dim), ranked.map(nameOf), ranked.map((i) => Number(i[measure]) || 0), MEASURE_LABEL[measure],
    format, (k) => onPick(ranked[k]), { empty: !ranked.length, text: NO_SALES });
  tableWhen(() => {
    const table = tableOf(dim);
    table.dataset.measure = measure;
    if (!ranked.length) messageRow(table, NO_SALES, 'empty');
    else fillTable(table, ranked, COLUMNS, onPick);
  });
}

export function rankingUnavailable(dim, message) {
  overlay(canvasOf(dim), 'error', message);
  messageRow(tableOf(dim), message, 'error');
}
