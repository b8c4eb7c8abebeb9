// Brandstats dashboard: plain ES modules, no build step. This module asks the API for what the view needs
// and hands each answer to the panel that shows it; the panels, the view and the API client are modules
// of their own.
import { getJson, query } from './api.js';
import { showDegraded, showErrors } from './banners.js';
import { loadBrands } from './brands.js';
import { nameOf, setCurrency, windowText } from './format.js';
import { kpisUnavailable, showKpis } from './kpis.js';
import { TOP_LIMIT, rankingUnavailable, showRanking } from './rankings.js';
import { regroup, seriesUnavailable, showSeries } from './series.js';
import { showStoreBreakdown, storeBreakdownUnavailable } from './stores.js';
import { applyAddress, autoRefreshOn, currentView, syncCustomRange, watch } from './view.js';

const REFRESH_MS = 30000;
const STORES_LISTED = 100;
const RANKED = ['brands', 'products', 'stores'];

const $ = (sel) => document.querySelector(sel);
const refreshing = {
  seq: 0, // increases per refresh; late answers of older refreshes are ignored
  inFlight: false,
  timer: null,
};

/** The calls a view needs, by name, all started at once. */
function requests(view) {
  const base = { from: view.window.from, to: view.window.to };
  // Paths are relative to /dashboard/, so "../stats/..." reaches the API on the same server.
  const top = (dimension, limit) => getJson('../stats/top?' + query({ dimension, by: 'revenue', limit, ...base }));
  const calls = {
    summary: getJson('../stats/summary?' + query(base)),
    brands: top('brands', TOP_LIMIT),
    products: top('products', TOP_LIMIT),
    stores: top('stores', STORES_LISTED),
  };
  if (view.brandId) {
    calls.brandSeries = getJson('../stats/brands/' + encodeURIComponent(view.brandId) + '?' + query({ ...base, interval: view.interval }));
  }
  return calls;
}

async function settled(calls) {
  const names = Object.keys(calls);
  const results = await Promise.allSettled(names.map((name) => calls[name]));
  return Object.fromEntries(names.map((name, i) => [name, results[i]]));
}

/** Hands each answer to its panel; answers that failed are listed in the error banner. */
function present(view, answers) {
  const errors = [];
  const metas = [];
  const ok = (name) => answers[name] && answers[name].status === 'fulfilled';
  const failed = (name, what) => { const m = answers[name].reason.message; errors.push(what + ': ' + m); return m; };

  if (ok('summary')) {
    const s = answers.summary.value;
    setCurrency(s.currency);
    metas.push(s.meta);
    $('#window-label').textContent = windowText(s.window || view.window, s.previousWindow);
    showKpis(s);
  } else {
    failed('summary', 'The summary could not be loaded');
    $('#window-label').textContent = windowText(view.window);
    kpisUnavailable();
  }

  const per = 'Revenue and units per ' + view.interval + ': ';
  if (view.brandId) {
    if (ok('brandSeries')) {
      const b = answers.brandSeries.value;
      metas.push(b.meta);
      setCurrency(b.currency);
      showSeries(b.series || [], b.interval || view.interval, per + nameOf(b));
    } else {
      seriesUnavailable(failed('brandSeries', 'The brand series could not be loaded'));
    }
  } else if (ok('summary')) {
    showSeries(regroup(answers.summary.value.daily || [], view.interval), view.interval, per + 'all brands');
  } else {
    seriesUnavailable(answers.summary.reason.message);
  }

  RANKED.forEach((kind) => {
    if (ok(kind)) {
      metas.push(answers[kind].value.meta);
      showRanking(kind, answers[kind].value.items || []);
    } else {
      rankingUnavailable(kind, failed(kind, 'Top ' + kind + ' could not be loaded'));
    }
  });
  if (ok('stores')) showStoreBreakdown(answers.stores.value.items || []);
  else storeBreakdownUnavailable(answers.stores.reason.message);

  showDegraded(metas);
  showErrors(errors);
}

function setLoading(on) {
  $('#refresh-now').disabled = on;
  document.body.classList.toggle('loading', on);
}

function stampUpdated() {
  const now = new Date();
  const t = $('#updated-at');
  t.textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  t.dateTime = now.toISOString();
}

async function refresh() {
  const view = currentView();
  if (view.error) { showErrors([view.error]); return; }
  const seq = ++refreshing.seq;
  refreshing.inFlight = true;
  setLoading(true);
  const answers = await settled(requests(view));
  if (seq !== refreshing.seq) return; // a newer refresh started meanwhile
  present(view, answers);
  stampUpdated();
  refreshing.inFlight = false;
  setLoading(false);
}

function safeRefresh() {
  refresh().catch((e) => {
    refreshing.inFlight = false;
    setLoading(false);
    showErrors(['Unexpected error: ' + (e && e.message ? e.message : e)]);
  });
}

function schedule() {
  if (refreshing.timer) { clearInterval(refreshing.timer); refreshing.timer = null; }
  if (autoRefreshOn()) {
    refreshing.timer = setInterval(() => { if (!refreshing.inFlight) safeRefresh(); }, REFRESH_MS);
  }
}

function init() {
  applyAddress(location.search);
  watch({ changed: safeRefresh, refreshNow: () => { safeRefresh(); schedule(); }, autoRefreshToggled: schedule });
  syncCustomRange();
  safeRefresh();
  schedule();
  loadBrands();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
