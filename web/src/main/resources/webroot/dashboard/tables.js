// Tables: rows of cells from column definitions, sortable by any column (click its heading), exportable as CSV,
// with a visible hint when they scroll sideways. A column is { key, text(row), value(row), cls }.

const tables = new WeakMap(); // table -> { rows, columns, sortKey, dir, onRow }

export function td(text, cls) {
  const c = document.createElement('td');
  c.textContent = text;
  if (cls) c.className = cls;
  return c;
}

/** Replaces the body with one row spanning the table: 'empty' (nothing to list) or 'error'. */
export function messageRow(table, text, cls) {
  const tbody = table.tBodies[0];
  tbody.textContent = '';
  const tr = document.createElement('tr');
  tr.className = cls;
  const c = td(text);
  c.colSpan = table.tHead.rows[0].cells.length;
  tr.appendChild(c);
  tbody.appendChild(tr);
  const t = tables.get(table);
  if (t) t.rows = [];
}

function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''), undefined, { numeric: true });
}

function render(table) {
  const t = tables.get(table);
  const col = t.columns.find((c) => c.key === t.sortKey);
  const rows = col ? [...t.rows].sort((x, y) => t.dir * compare(col.value(x), col.value(y))) : t.rows;
  const tbody = table.tBodies[0];
  tbody.textContent = '';
  rows.forEach((row) => {
    const tr = document.createElement('tr');
    if (row.id != null) tr.dataset.id = row.id;
    if (row.key != null) tr.dataset.key = row.key;
    t.columns.forEach((c) => {
      const cell = td(c.text(row), c.cls);
      if (c.title) cell.title = c.title(row);
      tr.appendChild(cell);
    });
    if (t.onRow) { tr.classList.add('drill'); tr.tabIndex = 0; tr.addEventListener('click', () => t.onRow(row)); tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') t.onRow(row); }); }
    tbody.appendChild(tr);
  });
  [...table.tHead.rows[0].cells].forEach((th) => {
    th.removeAttribute('aria-sort');
    if (th.dataset.sort === t.sortKey) th.setAttribute('aria-sort', t.dir > 0 ? 'ascending' : 'descending');
  });
  scrollHint(table);
}

/** Fills the table; rows keep the order given until a heading is clicked. `onRow(row)`: what a click on a row does. */
export function fillTable(table, rows, columns, onRow) {
  let t = tables.get(table);
  if (!t) {
    t = { sortKey: null, dir: -1 };
    tables.set(table, t);
    [...table.tHead.rows[0].cells].forEach((th) => {
      if (!th.dataset.sort) return;
      th.tabIndex = 0;
      const sort = () => {
        t.dir = t.sortKey === th.dataset.sort ? -t.dir : (th.classList.contains('num') ? -1 : 1);
        t.sortKey = th.dataset.sort;
        render(table);
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', (e) => { if (e.key === 'Enter') sort(); });
    });
  }
  Object.assign(t, { rows, columns, onRow });
  render(table);
}

/** The table's rows as CSV: raw values (not locale-formatted), in the order shown. */
export function tableCsv(table) {
  const t = tables.get(table);
  if (!t) return '';
  const col = t.columns.find((c) => c.key === t.sortKey);
  const rows = col ? [...t.rows].sort((x, y) => t.dir * compare(col.value(x), col.value(y))) : t.rows;
  return toCsv(t.columns.map((c) => c.key), rows.map((r) => t.columns.map((c) => c.value(r))));
}

const cell = (v) => { const s = v == null ? '' : String(v); return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
export const toCsv = (header, rows) => [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

/** Offers the text as a file download. */
export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Marks a table's box that scrolls sideways, so a hint (and a shadow) shows there is more to the right. */
export function scrollHint(table) {
  const wrap = table.closest('.table-wrap');
  if (!wrap) return;
  const more = wrap.scrollWidth > wrap.clientWidth + 1 && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1;
  wrap.classList.toggle('scrolls', more);
  if (!wrap.dataset.hinted) {
    wrap.dataset.hinted = '1';
    wrap.addEventListener('scroll', () => scrollHint(table), { passive: true });
  }
}
