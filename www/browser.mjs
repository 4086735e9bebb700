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

import { createGateway, delay, networkError } from './portico.mjs';
import { GATEWAY_EVENTS, Emitter } from './core/events.mjs';
import { NETWORK_ERROR, isNetworkError, runHandler } from './core/lambda.mjs';
import {
  PROTOCOL,
  checkUnhandled,
  compileHosts,
  gatewayRequest,
  matchUrl,
  reportUnhandled,
  requestFromData,
} from './interception.mjs';

export { delay, networkError, compileHosts };

/** This Portico's version (the worker's is in sw.js; a test keeps both equal to package.json's). */
export const VERSION = '0.1.0';
export { PROTOCOL };

/** fetch as it was before any interceptor: for the gateway's own HTTP integrations. */
const nativeFetch = typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined;
let fallbackAnnounced = false;
let nextBypassId = 1;

// ---------------------------------------------------------------------------
// Page mode

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
function installInterceptor(settings) {
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

function baseUrl() {
  return globalThis.document?.baseURI ?? globalThis.location?.href;
}

function resolveUrl(input) {
  try {
    return new URL(input instanceof Request ? input.url : String(input), baseUrl()).href;
  } catch {
    return null;
  }
}

function abortReason(signal) {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** A request for events, with the method, URL and headers (not the body, which the network gets). */
function describeRequest(method, url, headers) {
  try {
    return new Request(url, { method, headers });
  } catch {
    return { method, url, headers: new Headers() };
  }
}

/**
 * The events of a request for another host (those msw users know):
 * `request:start`, `request:unhandled`, then from the returned function
 * `response:bypass` (unless onUnhandledRequest 'error' refused it) and
 * `request:end`.
 */
function bypassEvents(events, request) {
  const requestId = `bypass-${nextBypassId++}`;
  events.emit('request:start', { request, requestId });
  events.emit('request:unhandled', { request, requestId });
  return (response, refused = false) => {
    if (!refused) events.emit('response:bypass', { request, requestId, response });
    events.emit('request:end', { request, requestId });
  };
}

function patchFetch(context) {
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

const XHR_METHODS = ['open', 'send', 'setRequestHeader', 'abort', 'getResponseHeader', 'getAllResponseHeaders'];
const XHR_GETTERS = ['readyState', 'status', 'statusText', 'response', 'responseText', 'responseURL', 'responseXML'];

/**
 * Patches XMLHttpRequest's `open` and `send`: a request opened for a gateway
 * host gets its own `send`, `abort`, header methods and response properties,
 * and is answered by the gateway with the events, states and properties of a
 * real one (they stay readable after restore()); any other request is the
 * browser's own, untouched.
 */
function patchXhr(context) {
  const XHR = globalThis.XMLHttpRequest;
  if (typeof XHR !== 'function') return () => {};
  const proto = XHR.prototype;
  const saved = new Map([...XHR_METHODS, ...XHR_GETTERS].map((name) => [name, Object.getOwnPropertyDescriptor(proto, name)]));
  const native = (name) => saved.get(name).value;
  /** The requests that go to the network: what their events need to say. */
  const outgoing = new WeakMap();

  const patchedOpen = function open(method, url) {
    unmock(this);
    outgoing.delete(this);
    native('open').apply(this, arguments);
    if (context.paused) return;
    const absolute = resolveUrl(url);
    if (!absolute) return;
    const entry = matchUrl(context.hosts, absolute);
    const upper = String(method).toUpperCase();
    const normalized = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(upper) ? upper : String(method);
    const state = { kind: entry ? 'gateway' : 'network', entry, method: normalized, url: absolute, headers: new Headers(), readyState: 1, sent: false, done: false };
    if (!entry) {
      outgoing.set(this, state);
      return;
    }
    if (arguments.length >= 3 && !arguments[2]) {
      throw new DOMException('Portico answers XMLHttpRequests to gateway hosts asynchronously; open() them with async = true.', 'InvalidAccessError');
    }
    mock(this, state);
  };

  const patchedSend = function send(body) {
    const state = outgoing.get(this);
    if (!state) return native('send').call(this, body);
    const request = describeRequest(state.method, state.url, state.headers);
    const end = bypassEvents(context.events, request);
    if (reportUnhandled(context.unhandled, request, { mode: 'page' })) {
      end(undefined, true);
      outgoing.delete(this);
      mock(this, { ...state, kind: 'refused' });
      return this.send(body);
    }
    this.addEventListener('loadend', () => end(undefined), { once: true });
    return native('send').call(this, body);
  };

  const patchedSetRequestHeader = function setRequestHeader(name, value) {
    native('setRequestHeader').call(this, name, value);
    outgoing.get(this)?.headers.append(name, value);
  };

  /** Gives one XMLHttpRequest Portico's behaviour (own properties, shadowing the prototype's). */
  function mock(xhr, state) {
    const own = (name, value) => Object.defineProperty(xhr, name, { value, configurable: true, writable: true });
    const getter = (name, get) => Object.defineProperty(xhr, name, { get, configurable: true });

    own('open', function open() {
      unmock(this);
      return proto.open.apply(this, arguments);
    });
    own('setRequestHeader', function setRequestHeader(name, value) {
      native('setRequestHeader').call(this, name, value);
      try {
        state.headers.append(name, value);
      } catch {
        // a name the Headers class refuses is not sent by the browser either
      }
    });
    own('send', function send(body) {
      if (state.readyState !== 1 || state.sent) {
        throw new DOMException("Failed to execute 'send' on 'XMLHttpRequest': The object's state must be OPENED.", 'InvalidStateError');
      }
      state.sent = true;
      const hasBody = body !== undefined && body !== null && state.method !== 'GET' && state.method !== 'HEAD';
      state.uploading = hasBody;
      fire(this, 'loadstart', 0, 0);
      if (hasBody) fire(this.upload, 'loadstart', 0, 0);
      if (state.kind === 'refused') {
        queueMicrotask(() => finish(this, state, 'error'));
        return;
      }
      const timeout = this.timeout;
      if (timeout > 0) state.timer = setTimeout(() => finish(this, state, 'timeout'), timeout);
      run(this, state, toRequestBody(body, state.headers), hasBody);
    });
    own('abort', function abort() {
      if (state.sent && !state.done && state.readyState !== 4) finish(this, state, 'abort');
      if (state.readyState === 4) state.readyState = 0;
    });
    own('getResponseHeader', function getResponseHeader(name) {
      if (state.readyState < 2 || !state.responseHeaders || /^set-cookie2?$/i.test(name)) return null;
      return state.responseHeaders.get(name);
    });
    own('getAllResponseHeaders', function getAllResponseHeaders() {
      if (state.readyState < 2 || !state.responseHeaders) return '';
      let text = '';
      state.responseHeaders.forEach((value, name) => {
        if (!/^set-cookie2?$/.test(name)) text += `${name}: ${value}\r\n`;
      });
      return text;
    });

    getter('readyState', () => state.readyState);
    getter('status', () => state.status ?? 0);
    getter('statusText', () => state.statusText ?? '');
    getter('responseURL', () => (state.readyState >= 2 && state.status ? state.url : ''));
    getter('responseText', function () {
      if (this.responseType !== '' && this.responseType !== 'text') {
        throw new DOMException(`Failed to read the 'responseText' property from 'XMLHttpRequest': The value is only accessible if the object's 'responseType' is '' or 'text' (was '${this.responseType}').`, 'InvalidStateError');
      }
      return state.readyState >= 3 && state.bytes ? decodeText(state) : '';
    });
    getter('response', function () {
      const type = this.responseType;
      if (type === '' || type === 'text') return state.readyState >= 3 && state.bytes ? decodeText(state) : '';
      if (state.readyState !== 4 || !state.bytes || !state.status) return null;
      switch (type) {
        case 'json':
          try {
            return JSON.parse(decodeText(state));
          } catch {
            return null;
          }
        case 'arraybuffer':
          return state.bytes.slice().buffer;
        case 'blob':
          return new Blob([state.bytes], { type: state.responseHeaders.get('content-type') ?? '' });
        case 'document':
          return parseDocument(state);
        default:
          return null;
      }
    });
    getter('responseXML', function () {
      if (this.responseType !== '' && this.responseType !== 'document') {
        throw new DOMException(`Failed to read the 'responseXML' property from 'XMLHttpRequest': The value is only accessible if the object's 'responseType' is '' or 'document' (was '${this.responseType}').`, 'InvalidStateError');
      }
      return state.readyState === 4 && state.bytes ? parseDocument(state) : null;
    });
    mocked.set(xhr, state);
  }

  /** Takes Portico's behaviour off a request that is opened again (an answer still on its way is dropped). */
  function unmock(xhr) {
    const state = mocked.get(xhr);
    if (!state) return;
    state.done = true;
    clearTimeout(state.timer);
    mocked.delete(xhr);
    for (const name of [...XHR_METHODS, ...XHR_GETTERS]) delete xhr[name];
  }
  const mocked = new WeakMap();

  async function run(xhr, state, body, hasBody) {
    let response;
    let bytes;
    try {
      const request = new Request(state.url, {
        method: state.method,
        headers: state.headers,
        body: hasBody ? body : undefined,
        credentials: xhr.withCredentials ? 'include' : 'same-origin',
      });
      const gateway = await context.gateway();
      response = await gateway.fetch(await gatewayRequest(request, state.entry, gateway.stage));
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      if (!(error instanceof TypeError)) console.error('Portico: the gateway failed to answer an XMLHttpRequest:', error);
      if (!state.done) finish(xhr, state, 'error');
      return;
    }
    if (state.done) return;
    clearTimeout(state.timer);
    if (state.uploading) {
      state.uploading = false;
      fire(xhr.upload, 'progress', 0, 0);
      fire(xhr.upload, 'load', 0, 0);
      fire(xhr.upload, 'loadend', 0, 0);
    }
    state.status = response.status;
    state.statusText = response.statusText;
    state.responseHeaders = response.headers;
    state.readyState = 2;
    xhr.dispatchEvent(new Event('readystatechange'));
    if (state.done) return;
    state.bytes = bytes;
    state.readyState = 3;
    xhr.dispatchEvent(new Event('readystatechange'));
    fire(xhr, 'progress', bytes.length, bytes.length);
    if (state.done) return;
    state.done = true;
    state.readyState = 4;
    xhr.dispatchEvent(new Event('readystatechange'));
    fire(xhr, 'load', bytes.length, bytes.length);
    fire(xhr, 'loadend', bytes.length, bytes.length);
  }

  /** Ends a request with an error, a timeout or an abort, as the XHR standard's "request error steps" do. */
  function finish(xhr, state, type) {
    clearTimeout(state.timer);
    state.done = true;
    state.readyState = 4;
    state.status = 0;
    state.statusText = '';
    state.responseHeaders = undefined;
    state.bytes = undefined;
    xhr.dispatchEvent(new Event('readystatechange'));
    if (state.uploading) {
      state.uploading = false;
      fire(xhr.upload, type, 0, 0);
      fire(xhr.upload, 'loadend', 0, 0);
    }
    fire(xhr, type, 0, 0);
    fire(xhr, 'loadend', 0, 0);
  }

  Object.defineProperty(proto, 'open', { ...saved.get('open'), value: patchedOpen });
  Object.defineProperty(proto, 'send', { ...saved.get('send'), value: patchedSend });
  Object.defineProperty(proto, 'setRequestHeader', { ...saved.get('setRequestHeader'), value: patchedSetRequestHeader });
  return () => {
    for (const name of ['open', 'send', 'setRequestHeader']) {
      if (proto[name] === { open: patchedOpen, send: patchedSend, setRequestHeader: patchedSetRequestHeader }[name]) {
        Object.defineProperty(proto, name, saved.get(name));
      }
    }
  };
}

function fire(target, type, loaded, total) {
  target.dispatchEvent(new ProgressEvent(type, { lengthComputable: total > 0, loaded, total }));
}

function toRequestBody(body, headers) {
  if (typeof Document === 'function' && body instanceof Document) {
    if (!headers.has('content-type')) headers.set('content-type', body.contentType === 'text/html' ? 'text/html;charset=UTF-8' : 'application/xml;charset=UTF-8');
    return new XMLSerializer().serializeToString(body);
  }
  return body;
}

function decodeText(state) {
  const charset = /charset=([^;]+)/i.exec(state.responseHeaders?.get('content-type') ?? '')?.[1]?.trim().replace(/^"|"$/g, '');
  try {
    return new TextDecoder(charset || 'utf-8').decode(state.bytes);
  } catch {
    return new TextDecoder().decode(state.bytes);
  }
}

function parseDocument(state) {
  const type = (state.responseHeaders?.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (typeof DOMParser !== 'function') return null;
  const kind = type === 'text/html' ? 'text/html' : /[+/]xml$/.test(type) ? 'application/xml' : null;
  if (!kind) return null;
  return new DOMParser().parseFromString(decodeText(state), kind);
}

// ---------------------------------------------------------------------------
// Service Worker mode

/**
 * msw's setupWorker, for an API Gateway definition:
 * `setupWorker(definition, options)` -> `{ start(options), pause(), stop(),
 * use(...), resetHandlers(), events, mode }`.
 *
 * `definition`: the API (an object, JSON/YAML text, or a URL to fetch); may
 * be null when a worker of your own bundles it (installGateway). Options:
 * every option of `createGateway` (`lambdas`, `services`, `fetch`, `stage`,
 * `stageVariables` ...), `hosts` (see compileHosts), `serviceWorker: { url:
 * '/sw.js', options: { scope, type } }`, `onUnhandledRequest` ('bypass',
 * 'warn', 'error' or a function) and `quiet` (no line on the console when
 * started).
 */
export function setupWorker(definition, options = {}) {
  const { hosts, serviceWorker, onUnhandledRequest, quiet, ...gatewayOptions } = options;
  checkUnhandled(onUnhandledRequest ?? 'bypass');
  const compiledHosts = compileHosts(hosts);
  let initial = handlerSet(gatewayOptions);
  let current = copyHandlers(initial);
  let gatewayPromise = null;
  let gateway = null;
  const forwarded = new Set();
  const events = new Emitter((type) => {
    if (type === 'integration:request' && gateway) forward(type);
  });
  const live = {
    ...gatewayOptions,
    lambdas: liveObject(() => current.lambdas),
    services: liveObject(() => current.services),
    fetch: (request) => (current.fetch ?? nativeFetch)(request),
  };

  /** The session of one start(): how it is answered, and its undoing. */
  let session = null;
  let starting = null;

  function forward(type) {
    if (forwarded.has(type)) return;
    forwarded.add(type);
    gateway.events.on(type, (payload) => events.emit(type, payload));
  }

  function ensureGateway() {
    if (!gatewayPromise) {
      if (definition === null || definition === undefined) {
        return Promise.reject(new Error('Portico: setupWorker got no definition, and the Service Worker relays requests to this page, which then has nothing to answer with. Pass the API definition (and lambdas) to setupWorker, or point serviceWorker.url at your own module worker that calls installGateway() from sw-gateway.mjs.'));
      }
      gatewayPromise = (async () => {
        const source = definition instanceof URL ? await fetchText(definition) : definition;
        gateway = await createGateway(source, live);
        for (const type of GATEWAY_EVENTS) {
          if (type !== 'integration:request' || events.listenerCount(type)) forward(type);
        }
        return gateway;
      })();
      gatewayPromise.catch(() => { gatewayPromise = null; });
    }
    return gatewayPromise;
  }

  async function begin(startOptions = {}) {
    const settings = {
      url: startOptions.serviceWorker?.url ?? serviceWorker?.url ?? '/sw.js',
      registerOptions: startOptions.serviceWorker?.options ?? serviceWorker?.options ?? {},
      unhandled: checkUnhandled(startOptions.onUnhandledRequest ?? onUnhandledRequest ?? 'bypass'),
      quiet: startOptions.quiet ?? quiet ?? false,
    };
    const container = globalThis.navigator?.serviceWorker;
    if (!container) {
      return startPageMode(settings, `Service Workers are not available here (${globalThis.isSecureContext === false ? 'the page is not a secure context: serve it over https or from localhost' : 'this browser or context has none'})`);
    }
    let registration;
    try {
      registration = await container.register(settings.url, settings.registerOptions);
    } catch (error) {
      if (error?.name === 'SecurityError') return startPageMode(settings, `the browser refused the Service Worker (${error.message})`);
      throw new Error(`Portico: could not register the Service Worker ${settings.url}: ${error?.message ?? error}. If the file is missing, run \`npx portico init <publicDir>\` (e.g. \`npx portico init public/\`) to copy it into the directory your server serves ${settings.url} from.`, { cause: error });
    }
    const worker = await activated(registration, settings.url);
    const hello = await handshake(worker, settings.url);
    const mode = hello.mode === 'bundled' ? 'bundled' : 'relay';
    if (mode === 'relay') await ensureGateway();
    if (!location.href.startsWith(registration.scope)) {
      throw new Error(`Portico: the Service Worker ${settings.url} is active, but its scope ${registration.scope} does not include this page (${location.href}). Serve it from a directory above the page (e.g. /sw.js), or pass serviceWorker: { options: { scope } } with a Service-Worker-Allowed header.`);
    }
    if (container.controller !== registration.active) {
      await ask(registration.active, { type: 'PORTICO_CLAIM', protocol: PROTOCOL }, 5000);
      await controlled(container, registration, settings.url);
    }
    const state = {
      mode,
      settings,
      container,
      registration,
      paused: false,
      config: () => ({
        protocol: PROTOCOL,
        hosts: compiledHosts,
        unhandled: settings.unhandled === 'error' ? 'error' : 'notify',
        paused: state.paused,
        overrides: mode === 'bundled' ? overrides() : null,
      }),
    };
    const onMessage = (event) => onWorkerMessage(state, event);
    const onControllerChange = () => renewSession(state);
    const keepalive = setInterval(() => {
      container.controller?.postMessage({ type: 'PORTICO_PING', ...state.config() });
    }, 5000);
    state.close = () => {
      clearInterval(keepalive);
      container.removeEventListener('message', onMessage);
      container.removeEventListener('controllerchange', onControllerChange);
    };
    // Listening before the worker knows the page: its first relay may come
    // as soon as START is through.
    session = state;
    container.addEventListener('message', onMessage);
    container.addEventListener('controllerchange', onControllerChange);
    container.startMessages();
    try {
      await tell(state, { type: 'PORTICO_START', ...state.config() });
    } catch (error) {
      state.close();
      session = null;
      throw error;
    }
    if (!settings.quiet) {
      const how = mode === 'relay' ? `relays ${hostList(compiledHosts)} to this page's handlers` : `answers ${hostList(compiledHosts)} with the handlers bundled in it`;
      console.log(`Portico: the Service Worker ${settings.url} ${how}.`);
    }
    return registration;
  }

  async function startPageMode(settings, reason) {
    if (!fallbackAnnounced) {
      fallbackAnnounced = true;
      console.warn(`Portico: ${reason}; answering in the page instead, by patching fetch and XMLHttpRequest (page mode).`);
    }
    if (definition === null || definition === undefined) {
      throw new Error('Portico: Service Workers are unavailable, so the page must answer, but setupWorker got no definition (the handlers are bundled in the worker). Pass the definition and lambdas to setupWorker too, for this fallback.');
    }
    await ensureGateway();
    const interceptor = installInterceptor({
      gateway: ensureGateway,
      hosts: compiledHosts,
      unhandled: settings.unhandled,
      events,
    });
    session = {
      mode: 'page',
      settings,
      paused: false,
      interceptor,
      close: () => interceptor.restore(),
    };
    if (!settings.quiet) console.log(`Portico: page mode answers ${hostList(compiledHosts)} for fetch and XMLHttpRequest.`);
    return undefined;
  }

  /** A new worker took over this page (an update): introduce the page to it again. */
  async function renewSession(state) {
    const worker = state.container.controller;
    if (session !== state || !worker) return;
    try {
      const hello = await handshake(worker, state.settings.url);
      if (hello.mode !== state.mode) {
        console.error(`Portico: the Service Worker that took over this page answers in ${hello.mode} mode, not ${state.mode}; reload the page.`);
        return;
      }
      await tell(state, { type: 'PORTICO_START', ...state.config() });
    } catch (error) {
      console.error(error.message);
    }
  }

  function onWorkerMessage(state, event) {
    const data = event.data;
    if (!data || typeof data.type !== 'string') return;
    if (session !== state) {
      // stopped meanwhile: let a relayed request go on to the network
      if (data.type === 'PORTICO_REQUEST') event.ports[0]?.postMessage({ type: 'PORTICO_PASSTHROUGH' });
      if (data.type === 'PORTICO_LAMBDA') event.ports[0]?.postMessage({ error: { name: 'Error', message: `Portico: the page that overrides ${data.name} stopped`, stack: '' } });
      return;
    }
    switch (data.type) {
      case 'PORTICO_REQUEST':
        relay(state, data, event.ports[0]);
        break;
      case 'PORTICO_BYPASS': {
        const request = requestFromData(data.request);
        const end = bypassEvents(events, request);
        const refused = reportUnhandled(state.settings.unhandled, request, { mode: 'worker' });
        end(undefined, refused);
        break;
      }
      case 'PORTICO_EVENT':
        events.emit(data.event, { ...data.payload, request: requestFromData(data.payload.request) });
        break;
      case 'PORTICO_LAMBDA':
        runOverride(data, event.ports[0]);
        break;
      default:
    }
  }

  async function relay(state, data, port) {
    if (state.paused) {
      port.postMessage({ type: 'PORTICO_PASSTHROUGH' });
      return;
    }
    try {
      const gw = await ensureGateway();
      const r = data.request;
      const request = new Request(r.url, {
        method: r.method,
        headers: r.headers,
        body: r.body && r.method !== 'GET' && r.method !== 'HEAD' ? r.body : undefined,
        credentials: r.credentials,
      });
      const response = await gw.fetch(await gatewayRequest(request, data.entry, gw.stage));
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
  async function runOverride(data, port) {
    const handler = current.lambdas[data.name];
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
        port.postMessage({ networkError: value[NETWORK_ERROR] });
      } else {
        port.postMessage({ json: JSON.stringify(value) });
      }
    } catch (error) {
      port.postMessage(error instanceof Error
        ? { error: { name: error.name, message: error.message, stack: String(error.stack) } }
        : { error: { name: typeof error, message: String(error), stack: '' } });
    }
  }

  /** The functions use() replaced: their names, for a bundled worker. */
  function overrides() {
    const names = Object.keys(current.lambdas).filter((name) => current.lambdas[name] !== initial.lambdas[name]);
    return names.length ? { lambdas: names.sort() } : null;
  }

  async function tell(state, message) {
    const target = state.container.controller ?? state.registration.active;
    const answer = await ask(target, message, 5000);
    if (!answer) throw new Error(`Portico: the Service Worker ${state.settings.url} did not answer ${message.type}; reload the page.`);
    if (answer.type === 'PORTICO_REFUSED') throw new Error(answer.message);
    return answer;
  }

  async function handlersChanged() {
    if (session?.mode === 'bundled') {
      await tell(session, { type: 'PORTICO_USE', ...session.config() });
    }
  }

  const api = {
    events,

    /** How requests are answered: 'relay', 'bundled', 'page', or null before start(). */
    get mode() {
      return session?.mode ?? null;
    },

    /**
     * Starts answering; resolves once the worker controls the page (so the
     * very next request is answered), to the registration (undefined in page
     * mode). Starting a paused worker resumes it.
     */
    start(startOptions) {
      if (session?.paused) return api.resume().then(() => session.registration);
      if (!starting) {
        starting = begin(startOptions);
        starting.catch(() => { starting = null; });
      }
      return starting;
    },

    /** Lets every request through to the network until start() is called again. */
    async pause() {
      if (!session) return;
      session.paused = true;
      if (session.mode === 'page') session.interceptor.setPaused(true);
      else await tell(session, { type: 'PORTICO_PAUSE', protocol: PROTOCOL });
    },

    /** Answers again after pause(). */
    async resume() {
      if (!session) return;
      session.paused = false;
      if (session.mode === 'page') session.interceptor.setPaused(false);
      else await tell(session, { type: 'PORTICO_RESUME', protocol: PROTOCOL });
    },

    /**
     * Stops answering for this page (the worker forgets it; page mode puts
     * fetch and XMLHttpRequest back). `stop({ unregister: true })` also
     * unregisters the worker.
     */
    async stop(stopOptions = {}) {
      const state = session;
      session = null;
      starting = null;
      if (!state) return;
      state.close();
      if (state.mode !== 'page') {
        await tell(state, { type: 'PORTICO_STOP', protocol: PROTOCOL }).catch(() => {});
        if (stopOptions.unregister) await state.registration.unregister();
      }
      if (!state.settings.quiet) console.log('Portico: stopped.');
    },

    /**
     * Overrides handlers from now on: `use({ lambdas: { name: fn }, services,
     * fetch })`, on top of the current ones.
     */
    async use(next = {}) {
      if (session?.mode === 'bundled' && (next.services || next.fetch)) {
        throw new TypeError('Portico: with the handlers bundled in the worker, use() overrides lambdas only (services and fetch stay the worker\'s).');
      }
      current = {
        lambdas: next.lambdas ? { ...current.lambdas, ...next.lambdas } : current.lambdas,
        services: next.services ? { ...current.services, ...next.services } : current.services,
        fetch: next.fetch ?? current.fetch,
      };
      await handlersChanged();
    },

    /** Back to the handlers setupWorker got (or to `next`, which become the initial ones). */
    async resetHandlers(next) {
      if (next) initial = handlerSet(next);
      current = copyHandlers(initial);
      await handlersChanged();
    },

    /** The handlers in force: `{ lambdas, services, fetch }`. */
    listHandlers() {
      return copyHandlers(current);
    },
  };
  return api;
}

function handlerSet(options) {
  return { lambdas: { ...(options.lambdas ?? {}) }, services: { ...(options.services ?? {}) }, fetch: options.fetch };
}

function copyHandlers(set) {
  return { lambdas: { ...set.lambdas }, services: { ...set.services }, fetch: set.fetch };
}

/** An object whose properties are always those of `get()` (handlers use() may replace). */
function liveObject(get) {
  return new Proxy({}, {
    get: (_, key) => get()[key],
    has: (_, key) => key in get(),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Object.getOwnPropertyDescriptor(get(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

async function fetchText(url) {
  const response = await nativeFetch(url);
  if (!response.ok) throw new Error(`Portico: the definition ${url} answered ${response.status}`);
  return response.text();
}

function hostList(compiled) {
  return compiled.map((e) => (e.type === 'host' ? e.pattern : `${e.origin}${e.basePath}/ (stage ${e.stage ?? 'of the gateway'})`)).join(', ');
}

/** Posts a message with a reply port; resolves to the reply, or null after `ms`. */
function ask(worker, message, ms) {
  return new Promise((resolve) => {
    if (!worker) {
      resolve(null);
      return;
    }
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      resolve(null);
    }, ms);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(event.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/** Checks that the worker speaks this page's protocol; throws with what to do when it does not. */
async function handshake(worker, url) {
  const hello = await ask(worker, { type: 'PORTICO_HELLO', protocol: PROTOCOL, version: VERSION }, 5000);
  const update = `run \`npx portico init <publicDir>\` (e.g. \`npx portico init public/\`, the directory your server serves ${url} from) to copy the worker of this page's Portico over it, then reload the page.`;
  if (!hello || hello.type !== 'PORTICO_HELLO') {
    const message = `Portico: the Service Worker ${url} did not answer Portico's handshake: it is not Portico's worker, or one too old to say its version. If ${url} is meant to be Portico's, ${update}`;
    console.error(message);
    throw new Error(message);
  }
  if (!hello.ok || hello.protocol !== PROTOCOL) {
    const fix = hello.mode === 'bundled'
      ? `Rebuild ${url} against the Portico this page uses (its import of sw-gateway.mjs and the page's of browser.mjs must come from one package), then reload the page.`
      : `To update it, ${update}`;
    const message = `Portico: the Service Worker ${url} speaks protocol ${hello.protocol} (Portico ${hello.version}), this page's Portico ${VERSION} speaks protocol ${PROTOCOL}, so the worker answers nothing for this page. ${fix}`;
    console.error(message);
    throw new Error(hello.message ? `${message} (The worker's own console says: ${hello.message})` : message);
  }
  return hello;
}

/** Resolves to the registration's active worker once it is activated. */
function activated(registration, url) {
  const worker = registration.installing ?? registration.waiting ?? registration.active;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (worker.state === 'activated') {
        worker.removeEventListener('statechange', check);
        resolve(registration.active ?? worker);
      } else if (worker.state === 'redundant') {
        worker.removeEventListener('statechange', check);
        reject(new Error(`Portico: the Service Worker ${url} failed to install (its script threw, or an import failed); its console (DevTools > Application > Service Workers) says why.`));
      }
    };
    worker.addEventListener('statechange', check);
    check();
  });
}

/** Resolves once the registration's active worker controls this page. */
function controlled(container, registration, url) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (container.controller && container.controller === registration.active) {
        clearTimeout(timer);
        container.removeEventListener('controllerchange', check);
        resolve();
      }
    };
    const timer = setTimeout(() => {
      container.removeEventListener('controllerchange', check);
      reject(new Error(`Portico: the Service Worker ${url} is active but did not take control of this page within 10 s. Reload the page (a hard reload, Shift+Reload, bypasses Service Workers).`));
    }, 10000);
    container.addEventListener('controllerchange', check);
    check();
  });
}
