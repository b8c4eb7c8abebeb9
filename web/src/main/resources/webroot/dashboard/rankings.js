// The top brands, products and stores panels: a revenue chart and a table of the first ten of each.
import { drawRevenueRanking, overlay } from './charts.js';
import { money, nameOf, units } from './format.js';
import { fillRows, messageRow, nameCell, td } from './tables.js';

export const TOP_LIMIT = 10;
const COLUMNS = 4;
const NO_SALES = 'No sales in this window';

const canvasOf = (kind) => 'top-' + kind + '-chart';
const tableOf = (kind) => document.getElementById('top-' + kind + '-table');

/** @param kind brands, products or stores, as in the panels' ids */
export function showRanking(kind, items) {
  const top = items.slice(0, TOP_LIMIT);
  if (drawRevenueRanking(canvasOf(kind), top.map(nameOf), top.map((i) => Number(i.revenue) || 0))) {
    overlay(canvasOf(kind), top.length ? null : 'empty', NO_SALES);
  }
  if (!top.length) {
    messageRow(tableOf(kind), COLUMNS, NO_SALES, 'empty');
    return;
  }
  fillRows(tableOf(kind), top, (i) => [nameCell(nameOf(i)), td(money(i.revenue), 'num'), td(units(i.units), 'num'),
    td(units(i.orders), 'num')]);
}

export function rankingUnavailable(kind, message) {
  overlay(canvasOf(kind), 'error', message);
  messageRow(tableOf(kind), COLUMNS, message, 'error');
}
