// What the page (browser.mjs) and the bundled worker (sw-gateway.mjs) share:
// the relay protocol's version, which hosts the gateway answers for, how a
// custom domain's base path maps to a stage, and the plain-data forms of
// requests that cross a MessageChannel.
//
// www/sw.js is a classic script and cannot import this module: it carries
// its own copy of PROTOCOL and of `matches` (pkg-tests/sw.test.mjs checks
// that the two agree).

/**
 * The version of the messages between a page and a Portico Service Worker.
 * Bump it (here and in sw.js) whenever a message changes shape; a page and a
 * worker of different protocols refuse each other and say how to update.
 */
export const PROTOCOL = 1;

/** The hosts every gateway answers for: API Gateway's default endpoints. */
export const DEFAULT_HOSTS = ['*.execute-api.*.amazonaws.com'];

/**
 * Turns the `hosts` option into plain data (it travels to the worker):
 *
 * - a host pattern, no scheme (`'*.execute-api.*.amazonaws.com'`,
 *   `'api.internal.test'`, `'localhost:4000'`): the path starts with the
 *   stage, as on an execute-api endpoint (`/dev/pets`). `*` stands for one
 *   DNS label; a pattern without a port matches any port.
 * - a base URL (`'https://api.example.com'`, `'https://api.example.com/v1'`,
 *   or `{ url, stage }`): a custom domain with an API mapping. Requests under
 *   the base path go to the stage (`stage`, else the gateway's): with the
 *   base path `/v1` mapped to `prod`, `https://api.example.com/v1/pets` is
 *   served as `/prod/pets`.
 *
 * The defaults (`*.execute-api.*.amazonaws.com`) are always included.
 */
export function compileHosts(hosts = []) {
  const list = Array.isArray(hosts) ? hosts : [hosts];
  const compiled = DEFAULT_HOSTS.map((pattern) => ({ type: 'host', pattern }));
  for (const entry of list) {
    if (entry === undefined || entry === null) continue;
    if (typeof entry === 'string' && !entry.includes('://')) {
      if (!/^[A-Za-z0-9*.-]+(:\d+)?$/.test(entry)) {
        throw new TypeError(`Portico: the host '${entry}' is neither a host pattern (like 'api.internal.test' or '*.example.com') nor a base URL (like 'https://api.example.com/v1')`);
      }
      compiled.push({ type: 'host', pattern: entry.toLowerCase() });
      continue;
    }
    const raw = typeof entry === 'string' || entry instanceof URL ? String(entry) : entry?.url;
    let url;
    try {
      url = new URL(raw);
    } catch {
      throw new TypeError(`Portico: the host entry ${JSON.stringify(entry)} is not a base URL; give 'https://api.example.com/v1' or { url: 'https://api.example.com/v1', stage: 'prod' }`);
    }
    if (url.search || url.hash) {
      throw new TypeError(`Portico: the base URL '${raw}' has a query or fragment; give the origin and the base path only`);
    }
    compiled.push({
      type: 'base',
      origin: url.origin,
      basePath: url.pathname.replace(/\/+$/, ''),
      stage: typeof entry === 'object' && !(entry instanceof URL) ? entry.stage : undefined,
    });
  }
  return compiled;
}

const patterns = new Map();

function patternRegExp(pattern) {
  let re = patterns.get(pattern);
  if (!re) {
    const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&')).join('[^.:/]+');
    re = new RegExp(`^${source}$`, 'i');
    patterns.set(pattern, re);
  }
  return re;
}

/** Whether one compiled entry covers a URL (the same rule as in sw.js). */
export function matches(entry, url) {
  if (entry.type === 'host') {
    const target = entry.pattern.includes(':') ? url.host : url.hostname;
    return patternRegExp(entry.pattern).test(target);
  }
  if (url.origin !== entry.origin) return false;
  return entry.basePath === '' || url.pathname === entry.basePath || url.pathname.startsWith(entry.basePath + '/');
}

/** The entry that covers `url` (a string or URL), the longest base path first; else null. */
export function matchUrl(compiled, url) {
  let parsed;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  let best = null;
  for (const entry of compiled) {
    if (!matches(entry, parsed)) continue;
    if (entry.type === 'base' && (!best || best.type !== 'base' || entry.basePath.length > best.basePath.length)) best = entry;
    else if (!best) best = entry;
  }
  return best;
}

/**
 * The URL the gateway serves a request under: unchanged for host patterns;
 * for a base URL, the base path replaced by `/{stage}`.
 */
export function gatewayUrl(url, entry, stage) {
  if (!entry || entry.type !== 'base') return url;
  const parsed = new URL(url);
  const rest = parsed.pathname.slice(entry.basePath.length);
  parsed.pathname = `/${entry.stage ?? stage}${rest === '' ? '/' : rest}`;
  return parsed.href;
}

/**
 * A Request for the gateway: the same request, under `gatewayUrl`. The body
 * is read once (the gateway reads it whole anyway).
 */
export async function gatewayRequest(request, entry, stage) {
  const url = gatewayUrl(request.url, entry, stage);
  if (url === request.url) return request;
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    signal: request.signal,
  });
}

/** A request as plain data (headers as pairs, no body): what events carry across a MessageChannel. */
export function requestData(request) {
  return { method: request.method, url: request.url, headers: [...request.headers] };
}

/** A Request from `requestData` (and an optional body). */
export function requestFromData(data, body) {
  const hasBody = body && data.method !== 'GET' && data.method !== 'HEAD';
  return new Request(data.url, { method: data.method, headers: data.headers, body: hasBody ? body : undefined });
}

/** What `onUnhandledRequest` may be. */
export function checkUnhandled(value) {
  if (value === 'bypass' || value === 'warn' || value === 'error' || typeof value === 'function') return value;
  throw new TypeError(`Portico: onUnhandledRequest must be 'bypass', 'warn', 'error' or a function (request, print) => {}, not ${JSON.stringify(value)}`);
}

/**
 * Reports a request that no gateway host covers, as `onUnhandledRequest`
 * says. Returns true when the request must fail ('error').
 */
export function reportUnhandled(strategy, request, { mode }) {
  const where = mode === 'page' ? 'the page' : 'the Service Worker';
  const hint = `If it belongs to your API, add its host or base URL to the \`hosts\` option (e.g. hosts: ['${originOf(request.url)}']).`;
  const print = {
    warning: () => console.warn(`Portico: ${request.method} ${request.url} went past ${where} to the network: its host is not one of the gateway's. ${hint} (onUnhandledRequest: 'warn')`),
    error: () => console.error(`Portico: ${request.method} ${request.url} was stopped by ${where} and fails as a network error: its host is not one of the gateway's and onUnhandledRequest is 'error'. ${hint} Or set onUnhandledRequest: 'bypass' to let such requests reach the network.`),
  };
  if (typeof strategy === 'function') {
    try {
      strategy(request, print);
    } catch (error) {
      console.error('portico: the onUnhandledRequest function threw:', error);
    }
    return false;
  }
  if (strategy === 'warn') print.warning();
  if (strategy === 'error') {
    print.error();
    return true;
  }
  return false;
}

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
