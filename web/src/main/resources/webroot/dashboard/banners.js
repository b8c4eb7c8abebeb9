// The banners above the panels: which upstream facts are stale or unavailable, and what failed to load.

const SERVICE_FACT = { brand: 'Brand names', product: 'Product names', store: 'Store names' };
const RANK = { live: 0, cached: 1, stale: 2, unavailable: 3 };

const serviceLabel = (svc) => svc.replace(/[-_]/g, ' ');

/** Names each service whose facts some answer (by its `meta`) had only stale or not at all; hidden when none. */
export function showDegraded(metas) {
  const worst = {}; // service -> stale | unavailable
  metas.filter(Boolean).forEach((meta) => {
    Object.entries(meta).forEach(([svc, v]) => {
      if (v !== 'stale' && v !== 'unavailable') return;
      if (!worst[svc] || RANK[v] > RANK[worst[svc]]) worst[svc] = v;
    });
  });
  const banner = document.getElementById('degraded-banner');
  const entries = Object.entries(worst);
  banner.textContent = '';
  if (!entries.length) { banner.hidden = true; banner.removeAttribute('data-services'); return; }
  entries.forEach(([svc, v]) => {
    const fact = SERVICE_FACT[svc] || (serviceLabel(svc).charAt(0).toUpperCase() + serviceLabel(svc).slice(1) + ' data');
    const p = document.createElement('p');
    p.dataset.service = svc;
    p.dataset.freshness = v;
    p.textContent = v === 'stale'
      ? fact + ' are stale: the ' + serviceLabel(svc) + ' service is not answering, showing the last known values.'
      : fact + ' are unavailable: the ' + serviceLabel(svc) + ' service is not answering, showing ids instead.';
    banner.appendChild(p);
  });
  banner.dataset.services = entries.map(([s]) => s).join(',');
  banner.hidden = false;
}

/** Lists each distinct message once; hidden when there is none. */
export function showErrors(messages) {
  const banner = document.getElementById('error-banner');
  banner.textContent = '';
  const uniq = [...new Set(messages.filter(Boolean))];
  if (!uniq.length) { banner.hidden = true; return; }
  uniq.forEach((m) => { const p = document.createElement('p'); p.textContent = m; banner.appendChild(p); });
  banner.hidden = false;
}

/** Notes on how to read the figures (a filter this server did not apply, a sparse comparison); hidden when none. */
export function showNotes(messages) {
  const banner = document.getElementById('notes');
  banner.textContent = '';
  messages.forEach((m) => { const p = document.createElement('p'); p.textContent = m; banner.appendChild(p); });
  banner.hidden = !messages.length;
}
