// The requests that are not the gateway's: what `onUnhandledRequest` makes of
// them, and the events (`request:unhandled`, `response:bypass` ...) that tell
// the page about them, whichever side (the page or the worker) saw them.

let nextBypassId = 1;

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
    warning: () =>
      console.warn(
        `Portico: ${request.method} ${request.url} went past ${where} to the network: its host is not one of the gateway's. ${hint} (onUnhandledRequest: 'warn')`,
      ),
    error: () =>
      console.error(
        `Portico: ${request.method} ${request.url} was stopped by ${where} and fails as a network error: its host is not one of the gateway's and onUnhandledRequest is 'error'. ${hint} Or set onUnhandledRequest: 'bypass' to let such requests reach the network.`,
      ),
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

/**
 * The events of a request for another host (those msw users know):
 * `request:start`, `request:unhandled`, then from the returned function
 * `response:bypass` (unless onUnhandledRequest 'error' refused it) and
 * `request:end`.
 */
export function bypassEvents(events, request) {
  const requestId = `bypass-${nextBypassId++}`;
  events.emit('request:start', { request, requestId });
  events.emit('request:unhandled', { request, requestId });
  return (response, refused = false) => {
    if (!refused) events.emit('response:bypass', { request, requestId, response });
    events.emit('request:end', { request, requestId });
  };
}
