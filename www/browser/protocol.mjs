// The messages between a page and a Portico Service Worker: the protocol's
// version, the package's, and the plain-data forms of requests that cross a
// MessageChannel.
//
// www/sw.js is a classic script and cannot import this module: it carries its
// own copy of PROTOCOL and VERSION (pkg-tests/sw.test.mjs checks that they agree).

/**
 * The version of the messages between a page and a Portico Service Worker.
 * Bump it (here and in sw.js) whenever a message changes shape; a page and a
 * worker of different protocols refuse each other and say how to update.
 */
export const PROTOCOL = 1;

/** This Portico's version (the worker's is in sw.js; a test keeps both equal to package.json's). */
export const VERSION = '0.1.0';

/** A request as plain data (headers as pairs, no body): what events carry across a MessageChannel. */
export function requestData(request) {
  return { method: request.method, url: request.url, headers: [...request.headers] };
}

/** A Request from `requestData` (and an optional body). */
export function requestFromData(data, body) {
  const hasBody = body && data.method !== 'GET' && data.method !== 'HEAD';
  return new Request(data.url, { method: data.method, headers: data.headers, body: hasBody ? body : undefined });
}
