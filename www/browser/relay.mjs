// The page's answers to its Service Worker: a gateway request the worker
// relays (relay mode), a Lambda function the page overrides with use()
// (bundled mode), and the notices the page turns into events (a request
// that went past the worker, a bundled gateway's lifecycle events) or
// prints (a bundled gateway's failure reports).

import { NETWORK_ERROR, isNetworkError, runHandler } from '../core/lambda.mjs';
import { gatewayRequest } from './hosts.mjs';
import { failureFromData, requestFromData } from './protocol.mjs';
import { bypassEvents, reportUnhandled } from './unhandled.mjs';

/**
 * Handles one message from the worker. `page`: `{ stopped, paused,
 * unhandled, events, gateway(), lambdas(), report(failure, context) }`, the
 * session's state and what it answers with. A page that stopped meanwhile lets a relayed request go on to
 * the network, and fails an override it no longer runs.
 */
export function answerWorker(event, page) {
  const data = event.data;
  if (!data || typeof data.type !== 'string') return;
  const port = event.ports[0];
  if (page.stopped) {
    if (data.type === 'PORTICO_REQUEST') port?.postMessage({ type: 'PORTICO_PASSTHROUGH' });
    if (data.type === 'PORTICO_LAMBDA') {
      port?.postMessage({ type: 'PORTICO_RESULT', error: { name: 'Error', message: `Portico: the page that overrides ${data.name} stopped`, stack: '' } });
    }
    return;
  }
  switch (data.type) {
    case 'PORTICO_REQUEST':
      if (page.paused) port.postMessage({ type: 'PORTICO_PASSTHROUGH' });
      else relayRequest(page.gateway(), data, port);
      break;
    case 'PORTICO_BYPASS': {
      const request = requestFromData(data.request);
      const end = bypassEvents(page.events, request);
      const refused = reportUnhandled(page.unhandled, request, { mode: 'worker' });
      end(undefined, refused);
      break;
    }
    case 'PORTICO_EVENT':
      page.events.emit(data.event, { ...data.payload, request: requestFromData(data.payload.request) });
      break;
    case 'PORTICO_LAMBDA':
      runOverride(page.lambdas()[data.name], data, port);
      break;
    case 'PORTICO_FAILURE':
      page.report(failureFromData(data.failure), { request: requestFromData(data.request) });
      break;
    default:
  }
}

/** Answers a relayed request with the page's gateway: its response, or how it failed. */
async function relayRequest(gatewayPromise, data, port) {
  try {
    const gateway = await gatewayPromise;
    const relayed = data.request;
    const request = new Request(relayed.url, {
      method: relayed.method,
      headers: relayed.headers,
      body: relayed.body && relayed.method !== 'GET' && relayed.method !== 'HEAD' ? relayed.body : undefined,
      credentials: relayed.credentials,
    });
    const response = await gateway.fetch(await gatewayRequest(request, data.entry, gateway.stage));
    const body = await response.arrayBuffer();
    const headers = [];
    response.headers.forEach((value, name) => headers.push([name, value]));
    port.postMessage({ type: 'PORTICO_RESPONSE', response: { status: response.status, statusText: response.statusText, headers, body } }, [body]);
  } catch (error) {
    if (error instanceof TypeError) {
      port.postMessage({ type: 'PORTICO_NETWORK_ERROR', message: error.message });
    } else {
      console.error('Portico: the gateway in the page failed:', error);
      port.postMessage({ type: 'PORTICO_ERROR', message: `Portico: the gateway in the page failed: ${error?.message ?? error}` });
    }
  }
}

/** Runs a handler overridden with use() for the bundled worker (the invocation comes from it). */
async function runOverride(handler, data, port) {
  try {
    if (typeof handler !== 'function') throw new Error(`Portico: the page has no handler ${data.name} any more`);
    const { deadline, ...fields } = data.context;
    const outcome = await runHandler(handler, data.event, {
      ...fields,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    });
    if ('error' in outcome) throw outcome.error;
    const value = outcome.value;
    if (isNetworkError(value)) {
      port.postMessage({ type: 'PORTICO_RESULT', networkError: value[NETWORK_ERROR] });
    } else {
      port.postMessage({ type: 'PORTICO_RESULT', json: JSON.stringify(value) });
    }
  } catch (error) {
    port.postMessage({
      type: 'PORTICO_RESULT',
      error:
        error instanceof Error
          ? { name: error.name, message: error.message, stack: String(error.stack) }
          : { name: typeof error, message: String(error), stack: '' },
    });
  }
}
