// Brandstats dashboard: plain ES modules, no build step. One view state (state.js, kept in the address) drives
// every tile; this module asks the API for what the state needs and hands each answer to the panel showing it.
import { takeEarly } from './first.js'; // first: its calls go out before the other modules run
import { showDegraded, showErrors, showNotes } from './banners.js';
import { loadBrands } from './brands.js';
import { drill, filterText, offerCurrencies, rememberNames, showState, watchControls } from './controls.js';
import { todayUtc, isoDay } from './dates.js';
import { MEASURE_LABEL, instant, nameOf, setCurrency, windowText } from './format.js';
import { kpisUnavailable, showKpis } from './kpis.js';
import { followToday } from './live.js';
import { readingNotes, comparisonWindow } from './notes.js';
import { DIMENSIONS, rankingUnavailable, showRanking } from './rankings.js';
import { comparisonCall, laterRequests, requests, seriesEntity, shared, todayQueries } from './requests.js';
import { addToDay, pointsOf, regroup, seriesCsv, seriesUnavailable, showSeries } from './series.js';
import { showStoreBreakdown, storeBreakdownUnavailable } from './stores.js';
import { FILTERS, normalizeAddress, onChange, view, windowOf } from './state.js';
import { download, tableCsv } from './tables.js';

const REFRESH_MS = 60000; // everything again; today's figures follow live in between
const $ = (sel) => document.querySelector(sel);
const page = { seq: 0, timer: null, fetched: null };

async function settled(calls) {
  const names = Object.keys(calls);
  const results = await Promise.allSettled(names.map((name) => calls[name]));
  return Object.fromEntries(names.map((name, i) => [name, results[i]]));
}

const ok = (answers, name) => answers[name] && answers[name].status === 'fulfilled';

function seriesTitle(s, answers) {
  const entity = seriesEntity(s);
  const named = entity && (ok(answers, 'series') ? nameOf(answers.series.value) : '#' + entity.id);
  const what = [named, filterText(s, entity && entity.key)].filter(Boolean).join(' · ');
  return MEASURE_LABEL[s.measure] + ' per ' + s.interval + ': ' + (what || 'all sales');
}

/** The window's points: the entity's series, or the summary's days added up per interval. */
function pointsFrom(s, answer, win) {
  if (seriesEntity(s)) return pointsOf(answer.series);
  return regroup(answer.daily || [], s.interval, win);
}

/**
 * Hands each first-screen answer to its panel the moment it is in, so a chart never waits for a slower call;
 * resolves once every call has settled, with the answers, what the banners are to say and the tables to fill
 * (kept for after the charts: filling them first made every later chart lay the page out again).
 */
function presentAsTheyArrive(s, win, calls, seq) {
  const shown = { answers: {}, errors: [], metas: [], tables: [] };
  const each = Object.keys(calls).map((name) => calls[name]
    .then((value) => ({ status: 'fulfilled', value }), (reason) => ({ status: 'rejected', reason }))
    .then((result) => {
      shown.answers[name] = result;
      if (seq === page.seq) presentAnswer(s, win, name, shown);
    }));
  return Promise.all(each).then(() => shown);
}

function presentAnswer(s, win, name, { answers, errors, metas, tables }) {
  const source = seriesEntity(s) ? 'series' : 'summary';
  const later = (fill) => tables.push(fill);
  if (name === 'summary') presentSummary(s, win, answers, errors, metas);
  if (name === source) presentSeries(s, win, answers, errors, metas);
  if (DIMENSIONS.includes(name)) presentRankings(s, { [name]: answers[name] }, errors, metas, later);
  if (name !== 'stores') return;
  if (ok(answers, 'stores')) later(() => showStoreBreakdown(answers.stores.value.items || [], s.measure, (item) => drill('stores', item)));
  else storeBreakdownUnavailable(answers.stores.reason.message);
}

/** Resolves once the browser has painted what is drawn now (within 100 ms where it paints nothing: a hidden tab). */
function painted() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}

function presentSummary(s, win, answers, errors, metas) {
  if (!ok(answers, 'summary')) {
    errors.push('The summary could not be loaded: ' + answers.summary.reason.message);
    $('#window-label').textContent = windowText(win);
    kpisUnavailable();
    return;
  }
  const summary = answers.summary.value;
  setCurrency(summary.currency);
  offerCurrencies([summary.currency, ...(summary.otherCurrencies || []).map((c) => c.currency)]);
  metas.push(summary.meta);
  $('#window-label').textContent = windowText(summary.window || win, summary.previousWindow, summary.timeZone);
  showKpis(summary, summary.compare || 'previous');
  $('#as-of').textContent = instant(summary.asOf);
}

function presentSeries(s, win, answers, errors, metas) {
  const source = seriesEntity(s) ? 'series' : 'summary';
  if (ok(answers, source)) {
    if (source === 'series') metas.push(answers.series.value.meta);
    showSeries(pointsFrom(s, answers[source].value, win), null, { interval: s.interval, measure: s.measure, title: seriesTitle(s, answers) });
    return;
  }
  const message = answers[source].reason.message;
  if (source === 'series') errors.push('The series could not be loaded: ' + message);
  seriesUnavailable(message);
}

/** The ranking panels whose answers are in; a failure other than "this server lacks it" goes to the errors. */
function presentRankings(s, answers, errors, metas, tableWhen) {
  DIMENSIONS.filter((dim) => answers[dim]).forEach((dim) => {
    const key = FILTERS.find((f) => f.dimension === dim).key;
    if (ok(answers, dim)) {
      const items = answers[dim].value.items || [];
      setCurrency(answers[dim].value.currency); // money as this answer counts it, whichever answer came first
      metas.push(answers[dim].value.meta);
      rememberNames(key, items);
      showRanking(dim, items, s.measure, (item) => drill(dim, item), tableWhen);
    } else {
      rankingUnavailable(dim, answers[dim].reason.message);
      if (answers[dim].reason.status !== 400) errors.push('The ' + dim + ' could not be loaded: ' + answers[dim].reason.message);
    }
  });
}

/** The second series (the comparison window's figures) and the notes on reading them, once the summary is in. */
async function compareWith(s, win, answers, seq) {
  const summary = answers.summary.value;
  const series = ok(answers, 'series') ? answers.series.value : null;
  const cmpWin = comparisonWindow(summary, s.compare, win);
  let compare = null;
  let cmpSummary = null;
  if (series && series.previousSeries) {
    compare = pointsOf(series.previousSeries);
  } else {
    try {
      const answer = await comparisonCall(s, shared(s, win), cmpWin);
      if (seq !== page.seq) return;
      compare = pointsFrom(s, answer, cmpWin);
      if (!seriesEntity(s)) cmpSummary = answer;
    } catch (e) { compare = null; }
  }
  const source = series || summary;
  if (compare) {
    showSeries(pointsFrom(s, source, win), compare, { interval: s.interval, measure: s.measure, title: seriesTitle(s, answers),
      compareLabel: (s.compare === 'year' && summary.compare === 'year' ? 'Year ago' : 'Comparison period') });
  }
  showNotes(readingNotes(s, summary, cmpSummary, cmpWin));
}

function onToday(data) {
  const f = page.fetched;
  if (!f || !data || !data.today || !data.day) return;
  const day = (f.summary.daily || []).find((p) => p.period === data.day);
  if (!day) return; // that day is not in the window
  const delta = { units: data.today.units - day.units, orders: data.today.orders - day.orders,
    revenue: Number(data.today.revenue) - Number(day.revenue) };
  const t = f.summary.totals;
  const totals = { units: t.units + delta.units, orders: t.orders + delta.orders, revenue: Number(t.revenue) + delta.revenue };
  showKpis({ totals, previousTotals: f.summary.previousTotals }, f.summary.compare || 'previous', true);
  addToDay(data.day, delta);
  if (data.asOf) $('#as-of').textContent = instant(data.asOf);
}

async function refresh() {
  const s = view();
  showState(s);
  const win = windowOf(s);
  if (win.error) { showErrors([win.error]); return; }
  const seq = ++page.seq;
  document.body.classList.add('loading');
  $('#refresh-now').disabled = true;
  const { answers, errors, metas, tables } = await presentAsTheyArrive(s, win, takeEarly(s, win) || requests(s, win), seq);
  if (seq !== page.seq) return; // a newer view was asked for meanwhile
  // The first screen's charts reach the screen before anything else is asked for, drawn or filled in.
  await painted();
  if (seq !== page.seq) return;
  tables.forEach((fill) => fill());
  const summary = ok(answers, 'summary') ? answers.summary.value : null;
  showState(s); // chips now have the names the answers brought
  showDegraded(metas);
  showErrors(errors);
  const later = settled(laterRequests(s, win)).then((more) => {
    if (seq !== page.seq) return;
    presentRankings(s, more, errors, metas);
    showDegraded(metas);
    showErrors(errors);
  });
  page.fetched = summary ? { summary } : null;
  $('#updated-at').textContent = new Date().toLocaleTimeString([], { hour12: false });
  document.body.classList.remove('loading');
  $('#refresh-now').disabled = false;
  const today = isoDay(todayUtc());
  const following = s.refresh !== 'off' && win.to >= today;
  const q = todayQueries(s, today);
  followToday(q.live, q.today, onToday, following && !!summary, s.refresh === 'off' ? 'not following' : 'window in the past');
  if (summary) await compareWith(s, win, answers, seq);
  await later;
  if (!page.brandsLoaded) { page.brandsLoaded = true; loadBrands(); } // the selector, once the figures are drawn
}

function safeRefresh() {
  refresh().catch((e) => {
    document.body.classList.remove('loading');
    $('#refresh-now').disabled = false;
    showErrors(['Unexpected error: ' + (e && e.message ? e.message : e)]);
  });
}

function schedule() {
  if (page.timer) { clearInterval(page.timer); page.timer = null; }
  if (view().refresh !== 'off') page.timer = setInterval(safeRefresh, REFRESH_MS);
}

function exportCsv(name) {
  const s = windowOf(view());
  const text = name === 'series' ? seriesCsv() : tableCsv(document.getElementById(name));
  download('brandstats-' + name + '-' + s.from + '-' + s.to + '.csv', text);
}

function init() {
  normalizeAddress();
  watchControls(() => { safeRefresh(); schedule(); });
  document.querySelectorAll('button.csv').forEach((b) => b.addEventListener('click', () => exportCsv(b.dataset.csv)));
  onChange(() => { safeRefresh(); schedule(); });
  safeRefresh();
  schedule();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
