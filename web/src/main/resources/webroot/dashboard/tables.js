// Table bodies filled with rows of text cells, or with one message row when there is nothing to list.

export function td(text, cls) {
  const c = document.createElement('td');
  c.textContent = text;
  if (cls) c.className = cls;
  return c;
}

/** A cell with a name, its full text also as the tooltip (long names are cut by the layout). */
export function nameCell(name) {
  const c = td(name, 'name');
  c.title = name;
  return c;
}

/** Replaces the body with one row spanning `cols` columns: 'empty' (nothing to list) or 'error'. */
export function messageRow(tbody, cols, text, cls) {
  tbody.textContent = '';
  const tr = document.createElement('tr');
  tr.className = cls;
  const c = td(text);
  c.colSpan = cols;
  tr.appendChild(c);
  tbody.appendChild(tr);
}

/** Replaces the body with one row per item, `cells(item, index)` giving its cells; rows carry the item's id. */
export function fillRows(tbody, items, cells) {
  tbody.textContent = '';
  items.forEach((item, k) => {
    const tr = document.createElement('tr');
    tr.dataset.id = item.id;
    tr.append(...cells(item, k));
    tbody.appendChild(tr);
  });
}
