// Which requests the gateway answers: the `hosts` option compiled to plain
// data (it travels to the Service Worker), the rule that matches a URL to an
// entry, and the URL a custom domain's request is served under.
//
// www/sw.js is a classic script and cannot import this module: it carries its
// own copy of `matches` and `matchUrl` (pkg-tests/sw.test.mjs checks that the
// two agree).

/** @typedef {import('../browser.mjs').CompiledHost} CompiledHost */

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
  /** @type {CompiledHost[]} */
  const compiled = DEFAULT_HOSTS.map((pattern) => ({ type: 'host', pattern }));
  for (const entry of list) {
    if (entry === undefined || entry === null) continue;
    if (typeof entry === 'string' && !entry.includes('://')) {
      if (!/^[A-Za-z0-9*.-]+(:\d+)?$/.test(entry)) {
        throw new TypeError(
          `Portico: the host '${entry}' is neither a host pattern (like 'api.internal.test' or '*.example.com') nor a base URL (like 'https://api.example.com/v1')`,
        );
      }
      compiled.push({ type: 'host', pattern: entry.toLowerCase() });
      continue;
    }
    const raw = typeof entry === 'string' || entry instanceof URL ? String(entry) : entry?.url;
    let url;
    try {
      url = new URL(raw);
    } catch {
      throw new TypeError(
        `Portico: the host entry ${JSON.stringify(entry)} is not a base URL; give 'https://api.example.com/v1' or { url: 'https://api.example.com/v1', stage: 'prod' }`,
      );
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
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
      .join('[^.:/]+');
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
