// The sales-per-store table: every store of the view ranked by the chosen measure, with its share of the
// total; the columns a phone has no room for (marked opt) are left out there.
import { money, nameOf, percent, units } from './format.js';
import { fillTable, messageRow } from './tables.js';

const table = () => document.getElementById('stores-breakdown');
const aovOf = (i) => (i.orders ? Math.round(i.revenue / i.orders * 100) / 100 : 0);

export function showStoreBreakdown(items, measure, onPick) {
  if (!items.length) {
    messageRow(table(), 'No sales in this window', 'empty');
    return;
  }
  const ranked = [...items].sort((a, b) => (Number(b[measure]) || 0) - (Number(a[measure]) || 0));
  const total = ranked.reduce((s, i) => s + (Number(i[measure]) || 0), 0);
  const rows = ranked.map((i, k) => ({ ...i, rank: k + 1, share: total ? (Number(i[measure]) || 0) / total * 100 : 0 }));
  fillTable(table(), rows, [
    { key: 'rank', text: (i) => String(i.rank), value: (i) => i.rank, cls: 'num opt' },
    { key: 'name', text: nameOf, value: nameOf, cls: 'name', title: nameOf },
    { key: 'revenue', text: (i) => money(i.revenue), value: (i) => Number(i.revenue) || 0, cls: 'num' },
    { key: 'share', text: (i) => percent(i.share) + ' %', value: (i) => Math.round(i.share * 100) / 100, cls: 'num opt' },
    { key: 'units', text: (i) => units(i.units), value: (i) => Number(i.units) || 0, cls: 'num opt' },
    { key: 'orders', text: (i) => units(i.orders), value: (i) => Number(i.orders) || 0, cls: 'num opt' },
    { key: 'aov', text: (i) => money(aovOf(i)), value: aovOf, cls: 'num opt' },
  ], onPick);
}

export const storeBreakdownUnavailable = (message) => messageRow(table(), message, 'error');
