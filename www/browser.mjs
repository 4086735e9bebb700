// Portico in the browser: your app's requests to API Gateway answered by the
// gateway, with your Lambda handlers, while the app runs unchanged.
//
//   import { setupWorker } from './www/browser.mjs';
//   const worker = setupWorker(definition, { lambdas: { API_test: async (event) => ({ statusCode: 200, body: '"hi"' }) } });
//   await worker.start();   // from here on, the very first request is answered
//   await fetch('https://abc123.execute-api.us-east-1.amazonaws.com/dev/');
//
// Service Worker mode: www/sw.js (copied by `npx portico init <publicDir>`)
// answers the requests for the gateway's hosts, either by relaying them to
// this page (the handlers live here and hot-reload with it) or, with a
// worker of your own that calls installGateway (www/sw-gateway.mjs), in the
// worker itself. Page mode (`interceptFetch`) patches fetch and
// XMLHttpRequest instead; `start()` falls back to it where Service Workers
// are unavailable.
//
// This module is the package's `./browser` entry; the code is in browser/,
// one module per concern.

export { setupWorker } from './browser/setup-worker.mjs';
export { interceptFetch } from './browser/page-mode.mjs';
export { compileHosts } from './browser/hosts.mjs';
export { PROTOCOL, VERSION } from './browser/protocol.mjs';
export { delay, networkError } from './portico.mjs';
