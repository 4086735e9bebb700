// The page under test. Query parameters pick the setup:
//   worker=/sw.js (relay, the default) | /my-sw.mjs (bundled, a module worker) | /old-sw.js
//   hosts=<base URL>  (an extra host, e.g. the echo server's /api)
//   unhandled=bypass|warn|error
//   log=1 (a console line per request)
//   onError=1 (failure reports kept in app.failures instead of the console)
// Right after `await worker.start()` it makes its first request, and
// records everything in window.app for the test to read.
import { setupWorker } from '/www/browser.mjs';
import { loadDefinition } from '/fixtures/api.mjs';
import { lambdas } from '/fixtures/handlers.mjs';

const params = new URLSearchParams(location.search);
const workerUrl = params.get('worker') ?? '/sw.js';
const bundled = workerUrl.endsWith('.mjs');
export const API = 'https://abc123.execute-api.us-east-1.amazonaws.com';

const app = { events: [], failures: [], first: null, error: null };
window.app = app;

async function read(response) {
  return { status: response.status, body: await response.text(), headers: [...response.headers], type: response.type };
}
app.read = read;
/** fetch, read whole; a rejection comes back as { error }. */
app.fetch = async (url, init) => {
  try {
    return await read(await fetch(url, init));
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
};
/** An XMLHttpRequest, with the ready states it went through. */
app.xhr = (method, url, body, headers = {}) =>
  new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const states = [];
    xhr.onreadystatechange = () => states.push(xhr.readyState);
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        body: xhr.responseText,
        requestId: xhr.getResponseHeader('x-amzn-RequestId'),
        allHeaders: xhr.getAllResponseHeaders(),
        responseURL: xhr.responseURL,
        states,
      });
    xhr.onerror = () => resolve({ error: true, status: xhr.status, states });
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.send(body);
  });

try {
  // A bundled worker has the definition and handlers; the page passes them
  // anyway, for the fallback where Service Workers are missing.
  const worker = setupWorker(bundled && !params.has('fallback') ? null : await loadDefinition(location.href), {
    lambdas,
    hosts: params.getAll('hosts'),
    onUnhandledRequest: params.get('unhandled') ?? 'bypass',
    log: params.has('log'),
    ...(params.has('onError') && {
      onError: (failure, { request }) =>
        app.failures.push({
          headline: failure.headline,
          error: `${failure.error.name}: ${failure.error.message}`,
          stack: failure.error.stack,
          log: failure.log.length,
          url: request.url,
        }),
    }),
    serviceWorker: { url: workerUrl, options: bundled ? { type: 'module' } : {} },
  });
  app.worker = worker;
  for (const type of ['request:start', 'request:match', 'request:unhandled', 'response:mocked', 'response:bypass', 'request:end']) {
    worker.events.on(type, ({ request, requestId }) => app.events.push({ type, method: request.method, url: request.url, requestId }));
  }
  await worker.start();
  // The very first request after start().
  const response = await fetch(`${API}/dev/`);
  app.first = { url: `${API}/dev/`, ...(await read(response)) };
  app.mode = worker.mode;
  app.controlled = Boolean(navigator.serviceWorker?.controller);
} catch (error) {
  app.error = String(error?.message ?? error);
}
app.ready = true;
