// setupWorker: msw's entry point, for an API Gateway definition. It starts a
// Service Worker (www/sw.js, or a worker of your own that bundles the
// handlers) and answers what the worker relays to the page, or falls back to
// page mode where Service Workers are unavailable.

import { createGateway } from '../portico.mjs';
import { GATEWAY_EVENTS, Emitter } from '../core/events.mjs';
import { NETWORK_ERROR, isNetworkError, runHandler } from '../core/lambda.mjs';
import { compileHosts, gatewayRequest } from './hosts.mjs';
import { installInterceptor } from './page-mode.mjs';
import { PROTOCOL, requestFromData } from './protocol.mjs';
import { bypassEvents, checkUnhandled, reportUnhandled } from './unhandled.mjs';
import { activated, ask, controlled, handshake } from './worker-registration.mjs';

/** fetch as it was before any interceptor: for the gateway's own HTTP integrations. */
const nativeFetch = typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined;
let fallbackAnnounced = false;

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
