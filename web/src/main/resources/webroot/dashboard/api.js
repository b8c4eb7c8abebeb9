// The API as the dashboard reads it: JSON answers, problem+json errors turned into readable messages,
// and, where asked for, each number's source text kept for display (e.g. "449.30", not 449.3).

export class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

// Keeps each number's source text in a hidden `__raw` map on its object, where the browser supports
// JSON.parse source access; otherwise String(number) is used.
function reviver(key, value, context) {
  if (typeof value === 'number' && context && typeof context.source === 'string' && this && typeof this === 'object') {
    if (!Object.prototype.hasOwnProperty.call(this, '__raw')) {
      Object.defineProperty(this, '__raw', { value: {}, enumerable: false });
    }
    this.__raw[key] = context.source;
  }
  return value;
}

/** A number of an answer as the server wrote it; '' when absent. */
export function rawOf(obj, key) {
  if (!obj) return '';
  if (obj.__raw && obj.__raw[key] != null) return obj.__raw[key];
  return obj[key] == null ? '' : String(obj[key]);
}

/**
 * GETs a JSON object; rejects with an ApiError whose message a person can read.
 * @param keepSource keep each number's source text (rawOf): parsing so is several times slower, so only the
 *                   answers whose figures are shown as written ask for it
 */
export async function getJson(url, keepSource = false) {
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json, application/problem+json' }, cache: 'no-store' });
  } catch (e) {
    throw new ApiError('The server cannot be reached (' + (e && e.message ? e.message : 'network error') + ').', 0);
  }
  const text = await res.text();
  let body = null;
  if (text) {
    try { body = keepSource ? JSON.parse(text, reviver) : JSON.parse(text); } catch (e) { body = null; }
  }
  if (!res.ok) throw new ApiError(problemMessage(res, body), res.status);
  if (body === null || typeof body !== 'object') throw new ApiError('The server sent an unreadable answer for ' + url + '.', res.status);
  return body;
}

function problemMessage(res, body) {
  let msg = 'HTTP ' + res.status + (res.statusText ? ' ' + res.statusText : '');
  if (body && typeof body === 'object') {
    msg = body.detail || body.title || msg;
    if (Array.isArray(body.errors) && body.errors.length) {
      msg += ' (' + body.errors.map((e) => (e.field ? e.field + ': ' : '') + e.detail).join('; ') + ')';
    }
  }
  return msg;
}

/** A query string of the parameters that have a value. */
export const query = (params) => Object.entries(params)
  .filter(([, v]) => v !== undefined && v !== null && v !== '')
  .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
