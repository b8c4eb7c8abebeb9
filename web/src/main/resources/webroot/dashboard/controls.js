// The filter panel and the chips: the controls show the view state and change it; each active filter is a chip
// whose × removes it. On a phone the panel folds away behind its button.
import { FILTERS, activeFilters, change, view } from './state.js';

const $ = (sel) => document.querySelector(sel);
const names = {}; // filter key -> value -> name, learnt from the answers
const SELECTS = { '#window-select': 'window', '#compare-select': 'compare', '#measure-select': 'measure',
  '#currency-select': 'currency', '#interval-select': 'interval', '#brand-select': 'brandId' };

/** Names for the chips (and the brand selector), from answers that listed items of a dimension. */
export function rememberNames(key, items) {
  names[key] = names[key] || {};
  items.forEach((i) => { const v = i.id != null ? String(i.id) : i.key; if (v != null && i.name) names[key][v] = i.name; });
}

const nameFor = (key, value) => (names[key] && names[key][value]) || (/Id$/.test(key) ? '#' + value : value);

function ensureOption(select, value, text) {
  if (value && ![...select.options].some((o) => o.value === value)) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    select.appendChild(o);
  }
}

/** Offers these currencies (the reporting one and those seen in the window) besides the one chosen. */
export function offerCurrencies(codes) {
  const select = $('#currency-select');
  codes.forEach((c) => ensureOption(select, c, c));
}

/** Shows the state in the controls and the chips. */
export function showState(s) {
  ensureOption($('#brand-select'), s.brandId, nameFor('brandId', s.brandId));
  ensureOption($('#currency-select'), s.currency, s.currency);
  Object.entries(SELECTS).forEach(([sel, key]) => { $(sel).value = s[key] || ''; });
  $('#custom-range').hidden = s.window !== 'custom';
  $('#from-date').value = s.from;
  $('#to-date').value = s.to;
  $('#auto-refresh').checked = s.refresh !== 'off';
  showChips(s);
}

function showChips(s) {
  const box = $('#chips');
  box.textContent = '';
  const active = activeFilters(s);
  FILTERS.filter((f) => active[f.key]).forEach((f) => {
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.dataset.filter = f.key;
    chip.textContent = f.label + ': ' + nameFor(f.key, active[f.key]);
    const x = document.createElement('button');
    x.type = 'button';
    x.textContent = '×';
    x.title = 'Remove this filter';
    x.setAttribute('aria-label', 'Remove ' + f.label + ' filter');
    x.addEventListener('click', () => change({ [f.key]: '' }));
    chip.appendChild(x);
    box.appendChild(chip);
  });
  if (Object.keys(active).length > 1) {
    const all = document.createElement('button');
    all.type = 'button';
    all.className = 'ghost';
    all.textContent = 'Clear all';
    all.addEventListener('click', () => change(Object.fromEntries(FILTERS.map((f) => [f.key, '']))));
    box.appendChild(all);
  }
}

/** The filters of the view in words ("tents · DE"), the entity of the series left out; '' when none. */
export function filterText(s, except) {
  const active = activeFilters(s);
  return FILTERS.filter((f) => active[f.key] && f.key !== except).map((f) => nameFor(f.key, active[f.key])).join(' · ');
}

/** Narrows the view to one item of a ranking (a drill-down): its dimension's filter. */
export function drill(dimension, item) {
  const f = FILTERS.find((x) => x.dimension === dimension);
  const value = item.id != null ? String(item.id) : item.key;
  if (!f || value == null) return;
  rememberNames(f.key, [item]);
  change({ [f.key]: value });
}

/** Wires the controls: each change is a change of the view state. */
export function watchControls(refreshNow) {
  $('#controls').addEventListener('submit', (e) => e.preventDefault()); // Enter in a date field must not reload
  Object.entries(SELECTS).forEach(([sel, key]) => $(sel).addEventListener('change', () => change({ [key]: $(sel).value })));
  const dates = () => { if ($('#from-date').value && $('#to-date').value) change({ from: $('#from-date').value, to: $('#to-date').value }); };
  $('#from-date').addEventListener('change', dates);
  $('#to-date').addEventListener('change', dates);
  $('#auto-refresh').addEventListener('change', () => change({ refresh: $('#auto-refresh').checked ? 'on' : 'off' }));
  $('#refresh-now').addEventListener('click', refreshNow);
  const toggle = $('#filters-toggle');
  const panel = $('#controls');
  const fold = (open) => { panel.classList.toggle('folded', !open); toggle.setAttribute('aria-expanded', String(open)); };
  fold(!window.matchMedia('(max-width: 600px)').matches); // a phone starts with the figures, not the controls
  toggle.addEventListener('click', () => fold(panel.classList.contains('folded')));
}

export const currentView = view;
