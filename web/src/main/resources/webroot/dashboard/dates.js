// Calendar days as the API counts them: UTC days, written yyyy-mm-dd.

const DAY_MS = 86400000;

export const isoDay = (d) => d.toISOString().slice(0, 10);
export const parseDay = (s) => new Date(s + 'T00:00:00Z');
export const addDays = (d, k) => new Date(d.getTime() + k * DAY_MS);

export function todayUtc() {
  const n = new Date();
  return new Date(Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), n.getUTCDate()));
}

/** The last `days` days, today included, as { from, to }. */
export function lastDays(days) {
  const to = todayUtc();
  return { from: isoDay(addDays(to, -(days - 1))), to: isoDay(to) };
}
