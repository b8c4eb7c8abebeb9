// The first screen's statistics, asked for by the smallest module graph of the page (the view state and the API
// client only), so the API answers while the drawing code and Chart.js still load and compile.
import { requests } from './requests.js';
import { view, windowOf } from './state.js';

let early = null;

function start() {
  const s = view();
  const win = windowOf(s);
  if (win.error) return;
  const calls = requests(s, win);
  // A failure is shown by the panel that takes the answer; until then it is no unhandled rejection.
  Object.values(calls).forEach((call) => call.catch(() => {}));
  early = { key: JSON.stringify([s, win]), calls };
}

/** Runs Chart.js (preloaded by the page) now that the calls are out; charts.js waits for this element's load. */
function runChartJs() {
  const script = document.createElement('script');
  script.id = 'chartjs';
  script.src = 'chart.umd.min.js';
  document.head.appendChild(script);
}

start();
runChartJs();

/** The calls started at load for this view and window, handed out once; null for any other view. */
export function takeEarly(s, win) {
  const taken = early;
  early = null;
  return taken && taken.key === JSON.stringify([s, win]) ? taken.calls : null;
}
