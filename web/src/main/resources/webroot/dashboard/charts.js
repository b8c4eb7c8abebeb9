// Charts drawn with Chart.js (the global `Chart`, run by first.js once the first screen's calls are out, so the
// API is asked while Chart.js still loads): one per canvas, made on first use and then updated in place, with a note over it
// while it is empty or failed. A chart asked for before Chart.js is there is drawn when it arrives.

const COLORS = { bar: 'rgba(47,111,222,.6)', barLine: '#2f6fde', partial: 'rgba(47,111,222,.18)', compare: '#e8873a' };
const NO_CHARTS = 'Charts are unavailable (Chart.js did not load).';

const charts = {}; // canvas id -> its Chart
const meta = {}; // canvas id -> what its callbacks read (formats, click handler), set before each draw

/** The note over a chart: a state ('loading', 'empty', 'error') with its text, or none (null). */
export function overlay(canvasId, stateName, text) {
  const ov = document.getElementById(canvasId).parentElement.querySelector('.overlay');
  if (!stateName) { ov.hidden = true; ov.removeAttribute('data-state'); return; }
  ov.hidden = false;
  ov.dataset.state = stateName;
  ov.textContent = text;
}

let chartFailed = false;
const chartReady = new Promise((resolve) => {
  const script = document.getElementById('chartjs');
  if (window.Chart) { resolve(); return; }
  if (!script) { chartFailed = true; resolve(); return; }
  script.addEventListener('load', resolve);
  script.addEventListener('error', () => { chartFailed = true; resolve(); });
});
const pending = {}; // canvas id -> the latest draw asked for before Chart.js arrived

/**
 * Makes the canvas's chart from `config()` or swaps in new data with `update(chart)`, then shows the note
 * `{ empty, text }` over it when it has nothing to show.
 */
function draw(canvasId, config, update, note) {
  if (!window.Chart) {
    if (chartFailed) { overlay(canvasId, 'error', NO_CHARTS); return; }
    const first = !pending[canvasId];
    pending[canvasId] = () => draw(canvasId, config, update, note);
    if (first) chartReady.then(() => { const later = pending[canvasId]; delete pending[canvasId]; later(); });
    return;
  }
  const chart = charts[canvasId];
  if (!chart) {
    charts[canvasId] = new Chart(document.getElementById(canvasId), config());
  } else {
    update(chart);
    chart.update('none');
  }
  overlay(canvasId, note.empty ? 'empty' : null, note.text);
}

/**
 * The measure per period as bars (a period not complete yet is drawn pale with a dashed outline), and the
 * comparison period's figures as a line over them, aligned by position.
 * @param s { labels, values, complete: bool[], compare: number[]|null, compareLabel, label, format, formatAxis, tooltipTitle(i) }
 */
export function drawSeries(canvasId, s, note) {
  meta[canvasId] = s;
  const datasets = () => {
    const sets = [{
      type: 'bar', label: s.label, data: s.values, order: 2, borderWidth: 1,
      backgroundColor: s.complete.map((c) => (c ? COLORS.bar : COLORS.partial)),
      borderColor: COLORS.barLine,
      borderDash: [4, 3],
      borderSkipped: s.complete.map((c) => (c ? 'bottom' : false)),
    }];
    if (s.compare) {
      sets.push({ type: 'line', label: s.compareLabel, data: s.compare, order: 1, borderColor: COLORS.compare,
        backgroundColor: COLORS.compare, borderWidth: 2, pointRadius: 2, tension: .25 });
    }
    return sets;
  };
  return draw(canvasId, () => ({
    type: 'bar',
    data: { labels: s.labels, datasets: datasets() },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'top' },
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? meta[canvasId].tooltipTitle(items[0].dataIndex) : ''),
            label: (ctx) => ctx.dataset.label + ': ' + meta[canvasId].format(ctx.parsed.y),
          },
        },
      },
      scales: {
        x: { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 } },
        y: { beginAtZero: true, ticks: { callback: (v) => meta[canvasId].formatAxis(v) } },
      },
    },
  }), (chart) => {
    chart.data.labels = s.labels;
    chart.data.datasets = datasets();
  }, note);
}

/** Horizontal bars, one per ranked item, long names cut on the axis; a click on a bar calls onPick(index). */
export function drawRanking(canvasId, labels, values, label, format, onPick, note) {
  meta[canvasId] = { pick: onPick, format };
  return draw(canvasId, () => ({
    type: 'bar',
    data: { labels, datasets: [{ label, data: values, backgroundColor: COLORS.bar, borderColor: COLORS.barLine, borderWidth: 1 }] },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      onClick: (evt, elements) => { if (elements.length) meta[canvasId].pick(elements[0].index); },
      onHover: (evt, elements) => { evt.native.target.style.cursor = elements.length ? 'pointer' : 'default'; },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (ctx) => ctx.dataset.label + ': ' + meta[canvasId].format(ctx.parsed.x) } },
      },
      scales: {
        x: { beginAtZero: true, ticks: { callback: (v) => meta[canvasId].format(v, true), maxTicksLimit: 5 } },
        y: { ticks: { autoSkip: false, callback: function (v) { const l = String(this.getLabelForValue(v)); return l.length > 18 ? l.slice(0, 17) + '…' : l; } } },
      },
    },
  }), (chart) => {
    chart.data.labels = labels;
    chart.data.datasets[0].data = values;
    chart.data.datasets[0].label = label;
  }, note);
}

/** The chart on a canvas, for tests and live updates. */
export const chartOf = (canvasId) => charts[canvasId];
