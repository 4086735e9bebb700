// Portico in a Service Worker of your own: the handlers are bundled into the
// worker and answer there, with no round trip to the page.
//
//   // public/my-sw.mjs, registered as a module worker
//   import { installGateway } from '/portico/www/sw-gateway.mjs';
//   import definition from './api.mjs';
//   import * as handlers from './handlers.mjs';
//   installGateway(definition, { lambdas: handlers });
//
//   // in the page
//   const worker = setupWorker(null, { serviceWorker: { url: '/my-sw.mjs', options: { type: 'module' } } });
//   await worker.start();
//
// Service workers cannot `import()` at run time, so the worker imports the
// handlers statically, and calls installGateway during its first evaluation
// (top-level await is not allowed in service workers either).
//
// The worker is www/sw.js (imported below) with an answerer: it serves the
// same pages (those that ran `worker.start()`), the same hosts, pauses and
// stops the same way, and only its answers come from here. Lifecycle events
// go to the page's `worker.events`; `worker.use({ lambdas })` in the page
// overrides a function by name: its invocations are sent to the page. A
// failed request's report goes to the page that sent it, whose console (or
// setupWorker's onError) shows it; the worker's console only gets the ones
// whose page is gone, so DevTools, which shows both, never shows one twice.

import './sw.js';
import { createGateway, networkError } from './portico.mjs';
import { printFailure } from './core/report.mjs';
import { GATEWAY_EVENTS } from './core/events.mjs';
import { compileHosts, gatewayRequest } from './browser/hosts.mjs';
import { failureData, requestData } from './browser/protocol.mjs';

/**
 * Answers the pages' gateway requests in this worker. `definition`: an
 * OpenAPI / Swagger document (object or JSON/YAML text), a URL to fetch it
 * from, or a promise or function giving either (it is loaded while the worker
 * installs; a worker cannot await at its top level). Options: every option
 * of `createGateway` (`lambdas`, `services`, `fetch`, `stage`,
 * `stageVariables` ...) and `hosts` (added to the page's). `onError` here
 * keeps failure reports in the worker; without it they go to the page.
 *
 * @param {Parameters<typeof import('./sw-gateway.mjs').installGateway>[0]} definition
 * @param {Parameters<typeof import('./sw-gateway.mjs').installGateway>[1]} [options]
 */
export function installGateway(definition, options = {}) {
  // (checked below: a module worker without sw.js has none)
  const core = /** @type {PorticoWorkerCore} */ (self.__porticoWorker);
  if (!core) throw new Error('Portico: sw-gateway.mjs must run in a Service Worker (it builds on sw.js)');
  const { hosts, onError, ...gatewayOptions } = options;
  const bundled = { ...(gatewayOptions.lambdas ?? {}) };
  /** One gateway for every page; one more per page that overrides functions with use(). */
  let shared = null;
  const perClient = new Map();
  /** The client that sent each request the gateways are working on. */
  const owners = new WeakMap();

  async function build(lambdas) {
    const given = await (typeof definition === 'function' ? definition() : definition);
    const source = given instanceof URL ? await loadDefinition(given) : given;
    const gateway = await createGateway(source, { ...gatewayOptions, lambdas, onError: onError ?? toPage });
    for (const type of GATEWAY_EVENTS) {
      gateway.events.on(type, (payload) => {
        const clientId = owners.get(payload.request);
        if (clientId) core.notify(clientId, { type: 'PORTICO_EVENT', event: type, payload: eventData(payload) });
      });
    }
    return gateway;
  }

  /** A failed request's report, to the page that sent the request; to this console when it is gone. */
  async function toPage(failure, { request }) {
    const clientId = owners.get(request);
    try {
      const client = clientId && (await self.clients.get(clientId));
      if (client) {
        client.postMessage({ type: 'PORTICO_FAILURE', failure: failureData(failure), request: requestData(request) });
        return;
      }
    } catch {
      // (the page could not be reached: the report stays here)
    }
    printFailure(failure);
  }

  function sharedGateway() {
    if (!shared) {
      shared = build(bundled);
      shared.catch(() => {
        shared = null;
      });
    }
    return shared;
  }

  function gatewayFor(clientId, state) {
    const names = state.overrides?.lambdas ?? [];
    if (names.length === 0) {
      perClient.delete(clientId);
      return sharedGateway();
    }
    const key = names.join('\n');
    const known = perClient.get(clientId);
    if (known && known.key === key) return known.gateway;
    const lambdas = { ...bundled };
    for (const name of names) lambdas[name] = relayToPage(core, clientId, name);
    const gateway = build(lambdas);
    perClient.set(clientId, { key, gateway });
    gateway.catch(() => perClient.delete(clientId));
    return gateway;
  }

  // Load the wasm and the definition while installing, so the first request
  // is quick; a failure is reported and retried at the first request.
  self.addEventListener('install', (event) => {
    event.waitUntil(
      sharedGateway().then(
        () => {},
        (error) => {
          console.error('Portico: the gateway could not be created while installing; the first request tries again:', error);
        },
      ),
    );
  });

  core.install({
    hosts: compileHosts(hosts),
    async answer(request, { clientId, entry, state }) {
      for (const [id] of perClient) if (!core.clients.has(id)) perClient.delete(id);
      const gateway = await gatewayFor(clientId, state);
      const target = await gatewayRequest(request, entry, gateway.stage);
      owners.set(target, clientId);
      return await gateway.fetch(target);
    },
  });
}

async function loadDefinition(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Portico: the definition ${url} answered ${response.status}`);
  return response.text();
}

/** A Lambda handler that runs the page's override (worker.use) and returns its result. */
function relayToPage(core, clientId, name) {
  return async (event, context) => {
    const reply = await core.ask(clientId, {
      type: 'PORTICO_LAMBDA',
      name,
      event,
      context: {
        functionName: context.functionName,
        functionVersion: context.functionVersion,
        invokedFunctionArn: context.invokedFunctionArn,
        memoryLimitInMB: context.memoryLimitInMB,
        awsRequestId: context.awsRequestId,
        logGroupName: context.logGroupName,
        logStreamName: context.logStreamName,
        deadline: Date.now() + context.getRemainingTimeInMillis(),
      },
    });
    if (reply.type === 'PORTICO_GONE') throw new Error(`Portico: the page that overrides ${name} is gone`);
    if (reply.networkError !== undefined) return networkError(reply.networkError);
    if (reply.error) {
      const error = new Error(reply.error.message);
      error.name = reply.error.name;
      error.stack = reply.error.stack;
      throw error;
    }
    return reply.json === undefined ? undefined : JSON.parse(reply.json);
  };
}

/** A gateway event as plain data for the page. */
function eventData(payload) {
  return { ...payload, request: requestData(payload.request) };
}
