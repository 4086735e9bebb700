// What a Lambda function is to Portico, wherever it runs (the gateway in
// Node, a Service Worker or an edge isolate, or a page answering for a
// bundled worker): the handlers a module exports, how a handler is called,
// and the marker a handler returns to fail the request as the network would.

/** The marker inside `networkError()`'s value; `Symbol.for`, so two copies of Portico agree on it. */
export const NETWORK_ERROR = Symbol.for('portico.networkError');

/**
 * A handler's way to fail the request as the network would: `return
 * networkError()` from a Lambda handler, a `services` handler or the
 * `fetch` option, and `gateway.fetch` rejects with a TypeError (in a Service
 * Worker, the page sees `Response.error()`).
 */
export function networkError(message = 'Failed to fetch') {
  return { [NETWORK_ERROR]: message };
}

/** Whether a handler's result is `networkError()`. */
export function isNetworkError(value) {
  return value !== null && typeof value === 'object' && NETWORK_ERROR in value;
}

/** The functions a handler module exports, keyed by function name: named exports, or a default export object. */
export function handlersOf(module) {
  const lambdas = {};
  for (const [name, value] of Object.entries(module ?? {})) {
    if (name === 'default' && value && typeof value === 'object') Object.assign(lambdas, value);
    else if (typeof value === 'function') lambdas[name] = value;
  }
  return lambdas;
}

/**
 * Calls a handler as AWS's Node.js runtime does, and resolves to its outcome,
 * `{ value }` or `{ error }`. A handler declared with three parameters uses
 * the callback; otherwise its return value (or promise) is the result. The
 * context is `fields` with the legacy `succeed` / `fail` / `done` added;
 * whichever ends the invocation first wins.
 */
export function runHandler(handler, event, fields) {
  return new Promise((settle) => {
    const succeed = (value) => settle({ value });
    const fail = (error) => settle({ error: error ?? new Error('handled') });
    const done = (error, value) => (error !== null && error !== undefined ? fail(error) : succeed(value));
    const context = { callbackWaitsForEmptyEventLoop: true, ...fields, succeed, fail, done };
    try {
      const returned = handler.length >= 3 ? handler(event, context, done) : handler(event, context);
      if (handler.length < 3 || (returned && typeof returned.then === 'function')) {
        Promise.resolve(returned).then((value) => {
          if (handler.length < 3 || value !== undefined) succeed(value);
        }, fail);
      }
    } catch (error) {
      fail(error);
    }
  });
}
