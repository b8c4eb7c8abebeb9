// Keeping the figures current: the live feed (GET /stats/live, Server-Sent Events) when this server offers it,
// else asking for today's figures every second. Either way the page gets "today's totals" for its filters and
// shows which way it is following: live, reconnecting, polling, or off.
import { getJson } from './api.js';
import { capabilities } from './capabilities.js';

const POLL_MS = 1000;
const RETRY_STREAM_MS = 30000;

const follow = { url: null, source: null, poll: null, retry: null, onToday: null, pollUrl: null };

function setState(state, text) {
  const el = document.getElementById('live-state');
  el.dataset.state = state;
  el.querySelector('span').textContent = text;
}

function stopAll() {
  if (follow.source) { follow.source.close(); follow.source = null; }
  if (follow.poll) { clearInterval(follow.poll); follow.poll = null; }
  if (follow.retry) { clearTimeout(follow.retry); follow.retry = null; }
}

function polling() {
  if (follow.poll) return;
  setState('polling', 'updating every second');
  const ask = () => {
    if (document.visibilityState === 'hidden') return;
    const url = follow.pollUrl;
    getJson(url).then((s) => {
      if (url !== follow.pollUrl) return; // the view changed meanwhile
      follow.onToday({ day: s.window ? s.window.to : null, today: s.totals, asOf: s.asOf });
    }).catch(() => setState('polling', 'updates failing, retrying'));
  };
  follow.poll = setInterval(ask, POLL_MS);
  ask();
}

function stream() {
  const url = follow.url;
  const source = new EventSource(url);
  follow.source = source;
  setState('reconnecting', 'connecting');
  source.addEventListener('open', () => {
    if (follow.poll) { clearInterval(follow.poll); follow.poll = null; }
    setState('live', 'live');
  });
  source.addEventListener('totals', (e) => {
    let data;
    try { data = JSON.parse(e.data); } catch (err) { return; }
    follow.onToday(data);
  });
  source.addEventListener('error', () => {
    if (follow.source !== source) return;
    if (source.readyState === EventSource.CLOSED) { // refused (e.g. 503 while full): poll, try the feed again later
      follow.source = null;
      polling();
      follow.retry = setTimeout(() => { if (follow.url === url) stream(); }, RETRY_STREAM_MS);
    } else {
      setState('reconnecting', 'reconnecting');
    }
  });
}

/**
 * Follows today's figures for these filters: onToday({ day, today: {units, revenue, orders}, asOf }) on each change.
 * @param liveQuery  the query string of /stats/live (filters and currency)
 * @param todayQuery the query string of a summary of today alone, for polling
 * @param on         false: follow nothing (auto-refresh is off, or the window lies in the past)
 */
export async function followToday(liveQuery, todayQuery, onToday, on, offText) {
  follow.onToday = onToday;
  const url = '../stats/live' + (liveQuery ? '?' + liveQuery : '');
  follow.pollUrl = '../stats/summary?' + todayQuery;
  if (!on) { stopAll(); follow.url = null; setState('off', offText); return; }
  if (url === follow.url && (follow.source || follow.poll)) return;
  stopAll();
  follow.url = url;
  if (typeof EventSource !== 'undefined' && (await capabilities()).live) {
    if (follow.url === url) stream();
  } else {
    polling();
  }
}
