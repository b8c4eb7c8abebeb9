// The sales-per-store table: every store of the window ranked by revenue, with its share of the total.
import { money, nameOf, percent, units } from './format.js';
import { fillRows, messageRow, nameCell, td } from './tables.js';

const COLUMNS = 7;
const body = () => document.getElementById('stores-breakdown-body');

export function showStoreBreakdown(items) {
  if (!items.length) {
    messageRow(body(), COLUMNS, 'No sales in this window', 'empty');
    return;
  }
  const total = items.reduce((s, i) => s + (Number(i.revenue) || 0), 0);
  fillRows(body(), items, (i, k) => {
    const share = total ? (Number(i.revenue) || 0) / total * 100 : 0;
    const aov = i.orders ? i.revenue / i.orders : 0;
    return [td(String(k + 1), 'num'), nameCell(nameOf(i)), td(money(i.revenue), 'num'), td(percent(share) + ' %', 'num'),
      td(units(i.units), 'num'), td(units(i.orders), 'num'), td(money(aov), 'num')];
  });
}

export const storeBreakdownUnavailable = (message) => messageRow(body(), COLUMNS, message, 'error');
