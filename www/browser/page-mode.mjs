// Page mode: the gateway answers in the page itself, through a patched fetch
// and XMLHttpRequest. `interceptFetch` is its public form; setupWorker falls
// back to it where Service Workers are unavailable.

import { compileHosts } from './hosts.mjs';
import { patchFetch } from './page-fetch.mjs';
import { patchXhr } from './page-xhr.mjs';
import { checkUnhandled } from './unhandled.mjs';

/**
 * Answers requests for the gateway's hosts in the page: patches
 * `globalThis.fetch` and `XMLHttpRequest`, so both are answered by
 * `gateway` when their URL is on one of its hosts, and go to the network
 * untouched otherwise. Options: `hosts` (see compileHosts; the execute-api
 * hosts are always included), `onUnhandledRequest` ('bypass' by default,
 * 'warn', 'error', or `(request, print) => {}`) for the requests that go to
 * the network, `events` (where `request:unhandled` and `response:bypass`
 * are emitted; the gateway's own events by default).
 * Returns `{ restore() }`, which puts fetch and XMLHttpRequest back.
 */
export function interceptFetch(gateway, options = {}) {
  const interceptor = installInterceptor({
    gateway: () => gateway,
    hosts: compileHosts(options.hosts),
    unhandled: checkUnhandled(options.onUnhandledRequest ?? 'bypass'),
    events: options.events ?? gateway.events,
  });
  return { restore: interceptor.restore };
}

/** The page-mode interceptor behind interceptFetch and setupWorker's fallback. */
export function installInterceptor(settings) {
  const context = {
    ...settings,
    paused: false,
    gateway: async () => settings.gateway(),
  };
  const restoreFetch = patchFetch(context);
  const restoreXhr = patchXhr(context);
  let restored = false;
  return {
    setPaused(paused) {
      context.paused = paused;
    },
    restore() {
      if (restored) return;
      restored = true;
      restoreXhr();
      restoreFetch();
    },
  };
}
