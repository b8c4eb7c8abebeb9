// What this server's statistics API offers, read once from its own contract (GET /openapi.yaml): the live feed,
// the dimensions it ranks and the measures it ranks by. Asking for something it lacks would log an error in the
// console; asking the contract first keeps the page clean against older and newer servers alike.

let known = null;

/** A piece of the contract after `marker`, where that parameter's enum is written. */
const near = (text, marker, length) => { const i = text.indexOf(marker); return i < 0 ? '' : text.slice(i, i + length); };

export function capabilities() {
  if (!known) {
    known = fetch('../openapi.yaml', { cache: 'no-store' })
      .then((r) => (r.ok ? r.text() : ''))
      .catch(() => '')
      .then((text) => {
        const dims = near(text, 'name: dimension', 400);
        const by = near(text, 'name: by', 300);
        return {
          live: /\n {2}\/stats\/live:/.test(text),
          dimensions: new Set(['brands', 'products', 'stores', 'categories', 'countries', 'channels'].filter((d) => dims.includes(d))),
          byOrders: by.includes('orders'),
        };
      });
  }
  return known;
}
