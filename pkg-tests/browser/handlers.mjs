// The Lambda functions of api.mjs: ML_Model's own (API_test), two proxy
// handlers that say where they ran (the page or the Service Worker), and one
// that throws, for the failure reports.
import { API_test } from '../../examples/ml-model/handlers.mjs';

export { API_test };

export function where() {
  if (typeof ServiceWorkerGlobalScope === 'function' && globalThis instanceof ServiceWorkerGlobalScope) return 'service-worker';
  if (typeof window === 'object') return 'page';
  return 'node';
}

export async function echo(event) {
  return {
    statusCode: 201,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      method: event.httpMethod,
      path: event.path,
      contentType: event.headers['content-type'] ?? event.headers['Content-Type'] ?? null,
      body: event.body,
      ranIn: where(),
    }),
  };
}

export async function whereHandler() {
  return { statusCode: 200, body: JSON.stringify({ ranIn: where() }) };
}

export function failing() {
  throw new RangeError(`no model here (${where()})`);
}

/** Keyed by function name, as createGateway's `lambdas` option wants them. */
export const lambdas = { API_test, echo, where: whereHandler, fail: failing };
