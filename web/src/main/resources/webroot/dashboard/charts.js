// Charts drawn with Chart.js (the global `Chart`, which the page loads before its modules run): one per
// canvas, made on first use and then updated in place, with a note over it while it is empty or failed.
import { money, units } from './format.js';

const COLORS = { revenue: '#2f6fde', revenueFill: 'rgba(47,111,222,.55)', units: '#e8873a' };
const NO_CHARTS = 'Charts are unavailable (Chart.js did not load).';

const charts = {}; // canvas id -> its Chart

/** The note over a chart: a state ('loading', 'empty', 'error') with its text, or none (null). */
export function overlay(canvasId, stateName, text) {
  const ov = document.getElementById(canvasId).parentElement.querySelector('.overlay');
  if (!stateName) { ov.hidden = true; ov.removeAttribute('data-state'); return; }
  ov.hidden = false;
  ov.dataset.state = stateName;
  ov.textContent = text;
}

/** Makes the canvas's chart from `config()` or swaps in new data with `update(chart)`; false without Chart.js. */
function draw(canvasId, config, update) {
  if (!window.Chart) {
    overlay(canvasId, 'error', NO_CHARTS);
    return false;
  }
  const chart = charts[canvasId];
  if (!chart) {
    charts[canvasId] = new Chart(document.getElementById(canvasId), config());
  } else {
    update(chart);
    chart.update('none');
  }
  return true;
}

/** Revenue as bars on the left axis and units as a line on the right, per period. */
export function drawRevenueAndUnits(canvasId, labels, revenue, unitCounts) {
  return draw(canvasId, () => ({
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'bar', label: 'Revenue', data: revenue, yAxisID: 'y', backgroundColor: COLORS.revenueFill, borderColor: COLORS.revenue, borderWidth: 1, order: 2 },
        { type: 'line', label: 'Units', data: unitCounts, yAxisID: 'y1', borderColor: COLORS.units, backgroundColor: COLORS.units, tension: .25, pointRadius: 2, borderWidth: 2, order: 1 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'top' },
        tooltip: {
          callbacks: {
            label: (ctx) => ctx.dataset.label + ': ' + (ctx.dataset.yAxisID === 'y' ? money(ctx.parsed.y) : units(ctx.parsed.y)),
          },
        },
      },
      scales: {
        x: { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 } },
        y: { position: 'left', beginAtZero: true, title: { display: true, text: 'Revenue' }, ticks: { callback: (v) => money(v, true) } },
        y1: { position: 'right', beginAtZero: true, title: { display: true, text: 'Units' }, grid: { drawOnChartArea: false }, ticks: { precision: 0, callback: (v) => units(v) } },
      },
    },
  }), (chart) => {
    chart.data.labels = labels;
    chart.data.datasets[0].data = revenue;
    chart.data.datasets[1].data = unitCounts;
  });
}

/** Horizontal revenue bars, one per ranked item, long names cut on the axis. */
export function drawRevenueRanking(canvasId, labels, revenue) {
  return draw(canvasId, () => ({
    type: 'bar',
    data: { labels, datasets: [{ label: 'Revenue', data: revenue, backgroundColor: COLORS.revenueFill, borderColor: COLORS.revenue, borderWidth: 1 }] },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (ctx) => 'Revenue: ' + money(ctx.parsed.x) } },
      },
      scales: {
        x: { beginAtZero: true, ticks: { callback: (v) => money(v, true), maxTicksLimit: 5 } },
        y: { ticks: { autoSkip: false, callback: function (v) { const l = String(this.getLabelForValue(v)); return l.length > 18 ? l.slice(0, 17) + '…' : l; } } },
      },
    },
  }), (chart) => {
    chart.data.labels = labels;
    chart.data.datasets[0].data = revenue;
  });
}
