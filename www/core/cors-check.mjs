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

/** Methods a browser sends without a preflight. */
const SIMPLE_METHODS = ['GET', 'HEAD', 'POST'];
/** Content types a browser sends without a preflight. */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** Headers the browser (or the transport) sets itself: never a reason for a preflight. */
const BROWSER_HEADERS = new Set([
  'host',
  'origin',
  'referer',
  'user-agent',
  'connection',
  'content-length',
  'accept-encoding',
  'cookie',
  'sec-fetch-mode',
  'sec-fetch-site',
  'sec-fetch-dest',
]);

/** Whether a header a script set keeps a request simple (CORS-safelisted). */
function safelisted(name, value) {
  switch (name) {
    case 'accept':
    case 'accept-language':
    case 'content-language':
      return true;
    case 'content-type':
      return SIMPLE_CONTENT_TYPES.includes(value.split(';')[0].trim().toLowerCase());
    default:
      return false;
  }
}

/**
 * The preflight a browser would send to the real API before `request`, as
 * `{ method: 'OPTIONS', headers }`, or null when it would send none (a
 * simple request, a preflight itself, or a same-origin request). Portico's
 * answer needs none, so `cors: 'warn'` runs this one through the gateway
 * to say what the real API's answer to it would do.
 * @param {{ method: string, headers: Array<[string, string]> }} request
 * @param {string} [pageOrigin]
 */
export function preflightFor(request, pageOrigin = globalThis.location?.origin) {
  const origin = header(request.headers, 'Origin') ?? pageOrigin;
  const host = header(request.headers, 'Host');
  if (!origin || origin === 'null' || request.method === 'OPTIONS') return null;
  try {
    if (new URL(origin).host === host) return null;
  } catch {
    return null;
  }
  const unsafe = request.headers
    .map(([name, value]) => [name.toLowerCase(), value])
    .filter(([name, value]) => !BROWSER_HEADERS.has(name) && !safelisted(name, value))
    .map(([name]) => name);
  if (SIMPLE_METHODS.includes(request.method) && unsafe.length === 0) return null;
  /** @type {Array<[string, string]>} */
  const headers = [
    ['Host', host ?? ''],
    ['Origin', origin],
    ['Access-Control-Request-Method', request.method],
  ];
  if (unsafe.length) headers.push(['Access-Control-Request-Headers', [...new Set(unsafe)].sort().join(',')]);
  return { method: 'OPTIONS', headers };
}
