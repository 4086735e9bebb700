// The `cors: 'warn'` option: a browser in front of the real API enforces
// CORS, while Portico's answers (from a Service Worker, in the page, in
// Node) reach the code either way. This says when the real API's answer
// would have been refused, and what to change, without touching it.

/** A header's value from `[name, value]` pairs, by any casing. */
function header(pairs, name) {
  const lower = name.toLowerCase();
  return pairs.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** A list header (`GET, POST`) as lowercase items. */
function items(value) {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
}

const FIX =
  "enable CORS on the resource (the console's Enable CORS, or gateway.enableCors(path, options)); for an HTTP API, x-amazon-apigateway-cors; a Lambda proxy's own responses must carry the header themselves";

/**
 * Why a browser would refuse this exchange with the real API, or null.
 * `request` is `{ method, headers }` (pairs, `Host` among them), `response`
 * `{ status, headers }`; `pageOrigin` stands for a missing `Origin` (in a
 * page or a Service Worker, their own).
 * @param {{ method: string, headers: Array<[string, string]> }} request
 * @param {{ status: number, headers: Array<[string, string]> }} response
 * @param {string} [pageOrigin]
 */
export function corsProblem(request, response, pageOrigin = globalThis.location?.origin) {
  // A page's fetch carries no Origin until the browser sends it: the page's own is the one.
  const origin = header(request.headers, 'Origin') ?? pageOrigin;
  const host = header(request.headers, 'Host');
  if (!origin || origin === 'null') return null;
  let originHost;
  try {
    originHost = new URL(origin).host;
  } catch {
    return null;
  }
  if (host && originHost === host) return null;
  const allowOrigin = header(response.headers, 'Access-Control-Allow-Origin');
  const preflight = request.method === 'OPTIONS' && header(request.headers, 'Access-Control-Request-Method') !== undefined;
  const what = preflight ? 'the preflight (OPTIONS)' : `the ${request.method} response`;
  if (allowOrigin === undefined) {
    return `a browser at ${origin} would be refused: ${what} has no Access-Control-Allow-Origin header; ${FIX}`;
  }
  if (allowOrigin !== '*' && allowOrigin !== origin) {
    return `a browser at ${origin} would be refused: ${what} allows the origin ${allowOrigin} only; add ${origin} to the allowed origins`;
  }
  if (!preflight) return null;
  if (response.status < 200 || response.status > 299) {
    return `a browser at ${origin} would be refused: the preflight (OPTIONS) answered ${response.status}, not 2xx; ${FIX}`;
  }
  const method = String(header(request.headers, 'Access-Control-Request-Method')).toLowerCase();
  const methods = items(header(response.headers, 'Access-Control-Allow-Methods'));
  if (!methods.includes(method) && !methods.includes('*') && !['get', 'head', 'post'].includes(method)) {
    return `a browser at ${origin} would be refused: the preflight's Access-Control-Allow-Methods (${methods.join(', ') || 'none'}) lacks ${method.toUpperCase()}; add it to the allowed methods`;
  }
  const allowed = items(header(response.headers, 'Access-Control-Allow-Headers'));
  const missing = items(header(request.headers, 'Access-Control-Request-Headers')).filter((name) => !allowed.includes(name) && !allowed.includes('*'));
  if (missing.length) {
    return `a browser at ${origin} would be refused: the preflight's Access-Control-Allow-Headers (${allowed.join(', ') || 'none'}) lacks ${missing.join(', ')}; add them to the allowed headers`;
  }
  return null;
}
