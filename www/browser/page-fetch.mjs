// Page mode, fetch: a patched `globalThis.fetch` that hands the gateway's
// requests to the gateway and lets every other one through to the network,
// with the bypass events and `onUnhandledRequest` in between.

import { gatewayRequest, matchUrl } from './hosts.mjs';
import { describeRequest, resolveUrl } from './page-requests.mjs';
import { bypassEvents, reportUnhandled } from './unhandled.mjs';

function abortReason(signal) {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * Replaces `globalThis.fetch` for `context` (`{ gateway(), hosts, unhandled,
 * events, paused }`); returns the function that puts the original back.
 */
export function patchFetch(context) {
  const original = globalThis.fetch;
  if (typeof original !== 'function') return () => {};

  async function answer(request, entry) {
    const { signal } = request;
    if (signal.aborted) throw abortReason(signal);
    const work = (async () => {
      const gateway = await context.gateway();
      const response = await gateway.fetch(await gatewayRequest(request, entry, gateway.stage));
      Object.defineProperty(response, 'url', { value: request.url });
      return response;
    })();
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  async function bypass(input, init, url) {
    const method = String(init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const request = describeRequest(method, url, init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const end = bypassEvents(context.events, request);
    if (reportUnhandled(context.unhandled, request, { mode: 'page' })) {
      end(undefined, true);
      throw new TypeError('Failed to fetch');
    }
    let response;
    try {
      response = await original.call(globalThis, input, init);
    } catch (error) {
      end(undefined);
      throw error;
    }
    end(context.events.listenerCount('response:bypass') ? response.clone() : undefined);
    return response;
  }

  const patched = async function fetch(input, init) {
    if (context.paused) return original.call(globalThis, input, init);
    const url = resolveUrl(input);
    const entry = url && matchUrl(context.hosts, url);
    if (!entry) return url ? bypass(input, init, url) : original.call(globalThis, input, init);
    return answer(new Request(input, init), entry);
  };
  globalThis.fetch = patched;
  return () => {
    if (globalThis.fetch === patched) globalThis.fetch = original;
  };
}
