// setupWorker: msw's entry point, for an API Gateway definition. It starts a
// Service Worker (www/sw.js, or a worker of your own that bundles the
// handlers) and answers what the worker relays to the page, or falls back to
// page mode where Service Workers are unavailable. What differs between those
// modes is in session.mjs; this module holds what they share: the options,
// the handlers, the page's gateway and the events.

import { createGateway } from '../portico.mjs';

/** @typedef {import('../portico.mjs').Gateway} Gateway */
import { GATEWAY_EVENTS, Emitter } from '../core/events.mjs';
import { printFailure } from '../core/report.mjs';
import { HandlerRegistry } from './handlers.mjs';
import { compileHosts } from './hosts.mjs';
import { installInterceptor } from './page-mode.mjs';
import { BUNDLED, PageSession, RELAY, WorkerSession } from './session.mjs';
import { checkUnhandled } from './unhandled.mjs';
import { logRequests } from './request-log.mjs';
import { activated, checkScope, handshake, takeControl } from './worker-registration.mjs';

/**
 * fetch as it was before any interceptor: for the gateway's own HTTP
 * integrations. (Every context with Service Workers has fetch; without it,
 * the first call fails as calling an undefined fetch would.)
 */
const nativeFetch = /** @type {typeof fetch} */ (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined);
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
 * 'warn', 'error' or a function), `quiet` (no line on the console when
 * started) and `log` (a console line per request, `GET /dev/pets/7 → 200
 * getPet 6 ms`).
 */
export function setupWorker(definition, options = {}) {
  const worker = new WorkerController(definition, options);
  return {
    events: worker.events,

    /** How requests are answered: 'relay', 'bundled', 'page', or null before start(). */
    get mode() {
      return worker.mode;
    },

    /**
     * Starts answering; resolves once the worker controls the page (so the
     * very next request is answered), to the registration (undefined in page
     * mode). Starting a paused worker resumes it.
     */
    start: (startOptions) => worker.start(startOptions),

    /** Lets every request through to the network until start() is called again. */
    pause: () => worker.pause(),

    /** Answers again after pause(). */
    resume: () => worker.resume(),

    /**
     * Stops answering for this page (the worker forgets it; page mode puts
     * fetch and XMLHttpRequest back). `stop({ unregister: true })` also
     * unregisters the worker.
     */
    stop: (stopOptions) => worker.stop(stopOptions),

    /**
     * Overrides handlers from now on: `use({ lambdas: { name: fn }, services,
     * fetch })`, on top of the current ones.
     */
    use: (next) => worker.use(next),

    /** Back to the handlers setupWorker got (or to `next`, which become the initial ones). */
    resetHandlers: (next) => worker.resetHandlers(next),

    /** The handlers in force: `{ lambdas, services, fetch }`. */
    listHandlers: () => worker.handlers.list(),
  };
}

/** What one setupWorker() holds across its start()s; the session of the current one. */
class WorkerController {
  /** The compiled `hosts` option, as the worker gets it. */
  hosts;
  handlers;
  events;
  #definition;
  #defaults;
  #gateway;
  #onError;
  /**
   * The session of the current start(): how it is answered, and its undoing.
   * @type {WorkerSession | PageSession | null}
   */
  #session = null;
  /** @type {Promise<ServiceWorkerRegistration | undefined> | null} */
  #starting = null;

  constructor(definition, options) {
    const { hosts, serviceWorker, onUnhandledRequest, quiet, log, ...gatewayOptions } = options;
    checkUnhandled(onUnhandledRequest ?? 'bypass');
    this.#definition = definition;
    this.#defaults = { serviceWorker, onUnhandledRequest, quiet };
    this.hosts = compileHosts(hosts);
    this.handlers = new HandlerRegistry(gatewayOptions);
    this.events = new Emitter((type) => this.#gateway.listening(type));
    this.#gateway = new PageGateway(definition, this.handlers.gatewayOptions(gatewayOptions, nativeFetch), this.events);
    if (log) logRequests(this.events);
    this.#onError = gatewayOptions.onError ?? printFailure;
  }

  /** Tells `onError` (or the page's console) about a request that failed in a bundled worker's gateway. */
  report(failure, context) {
    try {
      this.#onError(failure, context);
    } catch (error) {
      console.error('portico: the onError option threw:', error);
    }
  }

  get mode() {
    return this.#session?.mode ?? null;
  }

  /** The page's gateway, created at the first need. */
  gateway() {
    return this.#gateway.get();
  }

  start(startOptions) {
    if (this.#session?.paused) return this.resume().then(() => /** @type {WorkerSession | PageSession} */ (this.#session).registration);
    if (!this.#starting) {
      this.#starting = this.#begin(startOptions);
      this.#starting.catch(() => {
        this.#starting = null;
      });
    }
    return this.#starting;
  }

  async pause() {
    await this.#session?.pause();
  }

  async resume() {
    await this.#session?.resume();
  }

  async stop(stopOptions = {}) {
    const session = this.#session;
    this.#session = null;
    this.#starting = null;
    if (!session) return;
    await session.stop(stopOptions);
    if (!session.quiet) console.log('Portico: stopped.');
  }

  async use(next = {}) {
    this.#session?.checkUse(next);
    this.handlers.use(next);
    await this.#session?.handlersChanged();
  }

  async resetHandlers(next) {
    this.handlers.reset(next);
    await this.#session?.handlersChanged();
  }

  /** The options of this start(), over setupWorker's. */
  #settings(startOptions) {
    const defaults = this.#defaults;
    return {
      url: startOptions.serviceWorker?.url ?? defaults.serviceWorker?.url ?? '/sw.js',
      registerOptions: startOptions.serviceWorker?.options ?? defaults.serviceWorker?.options ?? {},
      unhandled: checkUnhandled(startOptions.onUnhandledRequest ?? defaults.onUnhandledRequest ?? 'bypass'),
      quiet: startOptions.quiet ?? defaults.quiet ?? false,
    };
  }

  async #begin(startOptions = {}) {
    const settings = this.#settings(startOptions);
    const container = globalThis.navigator?.serviceWorker;
    if (!container) {
      return this.#startPageMode(
        settings,
        `Service Workers are not available here (${globalThis.isSecureContext === false ? 'the page is not a secure context: serve it over https or from localhost' : 'this browser or context has none'})`,
      );
    }
    let registration;
    try {
      registration = await container.register(settings.url, settings.registerOptions);
    } catch (error) {
      if (error?.name === 'SecurityError') return this.#startPageMode(settings, `the browser refused the Service Worker (${error.message})`);
      throw new Error(
        `Portico: could not register the Service Worker ${settings.url}: ${error?.message ?? error}. If the file is missing, run \`npx portico init <publicDir>\` (e.g. \`npx portico init public/\`) to copy it into the directory your server serves ${settings.url} from.`,
        { cause: error },
      );
    }
    const hello = await handshake(await activated(registration, settings.url), settings.url);
    const mode = hello.mode === 'bundled' ? BUNDLED : RELAY;
    await mode.prepare(this);
    checkScope(registration, settings.url);
    await takeControl(container, registration, settings.url);
    const session = new WorkerSession({ mode, settings, container, registration, owner: this });
    this.#session = session;
    try {
      await session.open();
    } catch (error) {
      this.#session = null;
      throw error;
    }
    if (!settings.quiet) console.log(`Portico: the Service Worker ${settings.url} ${mode.describe(hostList(this.hosts))}.`);
    return registration;
  }

  async #startPageMode(settings, reason) {
    if (!fallbackAnnounced) {
      fallbackAnnounced = true;
      console.warn(`Portico: ${reason}; answering in the page instead, by patching fetch and XMLHttpRequest (page mode).`);
    }
    if (this.#definition === null || this.#definition === undefined) {
      throw new Error(
        'Portico: Service Workers are unavailable, so the page must answer, but setupWorker got no definition (the handlers are bundled in the worker). Pass the definition and lambdas to setupWorker too, for this fallback.',
      );
    }
    await this.gateway();
    const interceptor = installInterceptor({
      gateway: () => this.gateway(),
      hosts: this.hosts,
      unhandled: settings.unhandled,
      events: this.events,
    });
    this.#session = new PageSession({ interceptor, settings });
    if (!settings.quiet) console.log(`Portico: page mode answers ${hostList(this.hosts)} for fetch and XMLHttpRequest.`);
    return undefined;
  }
}

/**
 * The gateway in the page, created at the first need from the definition,
 * and whose lifecycle events reach the worker's `events`. `integration:request`
 * is forwarded only once someone listens: describing a call costs a decode.
 */
class PageGateway {
  #definition;
  #options;
  #events;
  /** @type {Promise<Gateway> | null} */
  #pending = null;
  /** @type {Gateway | null} */
  #gateway = null;
  #forwarded = new Set();

  constructor(definition, options, events) {
    this.#definition = definition;
    this.#options = options;
    this.#events = events;
  }

  get() {
    if (!this.#pending) {
      const definition = this.#definition;
      if (definition === null || definition === undefined) {
        return Promise.reject(
          new Error(
            'Portico: setupWorker got no definition, and the Service Worker relays requests to this page, which then has nothing to answer with. Pass the API definition (and lambdas) to setupWorker, or point serviceWorker.url at your own module worker that calls installGateway() from sw-gateway.mjs.',
          ),
        );
      }
      this.#pending = (async () => {
        const source = definition instanceof URL ? await fetchText(definition) : definition;
        this.#gateway = await createGateway(source, this.#options);
        for (const type of GATEWAY_EVENTS) {
          if (type !== 'integration:request' || this.#events.listenerCount(type)) this.#forward(this.#gateway, type);
        }
        return this.#gateway;
      })();
      this.#pending.catch(() => {
        this.#pending = null;
      });
    }
    return this.#pending;
  }

  /** The events got a listener of `type`. */
  listening(type) {
    if (type === 'integration:request' && this.#gateway) this.#forward(this.#gateway, type);
  }

  #forward(gateway, type) {
    if (this.#forwarded.has(type)) return;
    this.#forwarded.add(type);
    gateway.events.on(type, (payload) => this.#events.emit(type, payload));
  }
}

async function fetchText(url) {
  const response = await nativeFetch(url);
  if (!response.ok) throw new Error(`Portico: the definition ${url} answered ${response.status}`);
  return response.text();
}

function hostList(compiled) {
  return compiled.map((e) => (e.type === 'host' ? e.pattern : `${e.origin}${e.basePath}/ (stage ${e.stage ?? 'of the gateway'})`)).join(', ');
}
