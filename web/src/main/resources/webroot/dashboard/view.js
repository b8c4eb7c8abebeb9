// The view the dashboard shows (window, brand, interval, auto-refresh): the controls hold it, and the
// address can set it on arrival: ?window=7|30|90|custom&from=&to=&interval=&brand=&refresh=off
import { lastDays } from './dates.js';

const $ = (sel) => document.querySelector(sel);
const DEFAULT_DAYS = 30;

/** Sets the controls from the address; values the controls do not offer are ignored. */
export function applyAddress(search) {
  const q = new URLSearchParams(search);
  const pick = (select, v) => { if (v && [...select.options].some((o) => o.value === v)) select.value = v; };
  pick($('#window-select'), q.get('window'));
  pick($('#interval-select'), q.get('interval'));
  if (q.get('from')) $('#from-date').value = q.get('from');
  if (q.get('to')) $('#to-date').value = q.get('to');
  if (q.get('brand')) {
    const o = document.createElement('option'); // named by id until the brand list arrives
    o.value = q.get('brand');
    o.textContent = '#' + q.get('brand');
    $('#brand-select').appendChild(o);
    $('#brand-select').value = o.value;
  }
  if (q.get('refresh') === 'off') $('#auto-refresh').checked = false;
}

/** Shows the date inputs for a custom window only, filled with the last 30 days while either is empty. */
export function syncCustomRange() {
  const custom = $('#window-select').value === 'custom';
  $('#custom-range').hidden = !custom;
  if (custom && (!$('#from-date').value || !$('#to-date').value)) {
    const last = lastDays(DEFAULT_DAYS);
    $('#from-date').value = last.from;
    $('#to-date').value = last.to;
  }
}

/** The window chosen: { from, to }, or { error } when a custom one is incomplete or reversed. */
function currentWindow() {
  const sel = $('#window-select').value;
  if (sel === 'custom') {
    const from = $('#from-date').value;
    const to = $('#to-date').value;
    if (!from || !to) return { error: 'Choose both dates of the custom window.' };
    if (from > to) return { error: 'The custom window starts after it ends.' };
    return { from, to };
  }
  return lastDays(parseInt(sel, 10) || DEFAULT_DAYS);
}

/** What to show now: { window, brandId ('' for all brands), interval }, or { error }. */
export function currentView() {
  const chosen = currentWindow();
  if (chosen.error) return chosen;
  return { window: chosen, brandId: $('#brand-select').value, interval: $('#interval-select').value };
}

export const autoRefreshOn = () => $('#auto-refresh').checked;

/**
 * Calls `changed` whenever the person changes the view, `refreshNow` for the Refresh button and
 * `autoRefreshToggled` when auto-refresh is switched.
 */
export function watch({ changed, refreshNow, autoRefreshToggled }) {
  // The controls apply as they change; Enter in a date field must not reload the page.
  $('#controls').addEventListener('submit', (e) => e.preventDefault());
  $('#window-select').addEventListener('change', () => { syncCustomRange(); changed(); });
  ['#from-date', '#to-date', '#interval-select', '#brand-select']
    .forEach((sel) => $(sel).addEventListener('change', changed));
  $('#refresh-now').addEventListener('click', refreshNow);
  $('#auto-refresh').addEventListener('change', autoRefreshToggled);
}
