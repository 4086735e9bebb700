// One start() of a setupWorker: how its requests are answered until stop().
//
// A WorkerSession is a Service Worker that answers for this page, in one of
// two modes, each a strategy object: RELAY (sw.js relays every gateway
// request to this page, whose handlers answer) and BUNDLED (a worker of your
// own answers with the handlers bundled in it; the page only runs the
// functions it overrides with use()). A PageSession answers in the page
// itself, through the fetch and XMLHttpRequest patches. Both have the same
// interface: mode, paused, registration, pause(), resume(), stop(),
// checkUse(), handlersChanged().

import { PROTOCOL } from './protocol.mjs';
import { answerWorker } from './relay.mjs';
import { ask, handshake } from './worker-registration.mjs';

/** How long the page waits for the worker to answer a message. */
const ANSWER_MS = 5000;
/** How often the page reminds the worker of itself (a restarted worker has forgotten it). */
const KEEPALIVE_MS = 5000;

/** sw.js relays gateway requests to the page, whose gateway answers them. */
export const RELAY = {
  name: 'relay',
  /** The page answers: its gateway must exist before the worker relays anything. */
  prepare: (owner) => owner.gateway(),
  overrides: () => null,
  describe: (hosts) => `relays ${hosts} to this page's handlers`,
  checkUse() {},
  handlersChanged: async () => {},
};

/** A worker of the app's own answers with its bundled handlers; the page runs the ones use() overrides. */
export const BUNDLED = {
  name: 'bundled',
  prepare: async () => {},
  overrides: (owner) => owner.handlers.overrides(),
  describe: (hosts) => `answers ${hosts} with the handlers bundled in it`,
  checkUse(next) {
    if (next.services || next.fetch) {
      throw new TypeError("Portico: with the handlers bundled in the worker, use() overrides lambdas only (services and fetch stay the worker's).");
    }
  },
  handlersChanged: (session) => session.tell({ type: 'PORTICO_USE', ...session.config() }),
};

/**
 * A Service Worker answering for this page. `owner` is the setupWorker behind
 * it: `{ hosts, handlers, events, gateway(), report() }`.
 */
export class WorkerSession {
  paused = false;
  #mode;
  #settings;
  #container;
  #registration;
  #owner;
  #stopped = false;
  #detach = () => {};

  constructor({ mode, settings, container, registration, owner }) {
    this.#mode = mode;
    this.#settings = settings;
    this.#container = container;
    this.#registration = registration;
    this.#owner = owner;
  }

  get mode() {
    return this.#mode.name;
  }

  get registration() {
    return this.#registration;
  }

  get quiet() {
    return this.#settings.quiet;
  }

  /** What the worker keeps of this page: sent with START, PING and USE. */
  config() {
    return {
      protocol: PROTOCOL,
      hosts: this.#owner.hosts,
      unhandled: this.#settings.unhandled === 'error' ? 'error' : 'notify',
      paused: this.paused,
      overrides: this.#mode.overrides(this.#owner),
    };
  }

  /** Introduces the page to the worker (START), listening first: its first relay may come as soon as START is through. */
  async open() {
    const container = this.#container;
    const onMessage = (event) => answerWorker(event, this.#relayState());
    const onControllerChange = () => this.#renew();
    const keepalive = setInterval(() => {
      container.controller?.postMessage({ type: 'PORTICO_PING', ...this.config() });
    }, KEEPALIVE_MS);
    this.#detach = () => {
      clearInterval(keepalive);
      container.removeEventListener('message', onMessage);
      container.removeEventListener('controllerchange', onControllerChange);
    };
    container.addEventListener('message', onMessage);
    container.addEventListener('controllerchange', onControllerChange);
    container.startMessages();
    try {
      await this.tell({ type: 'PORTICO_START', ...this.config() });
    } catch (error) {
      this.#close();
      throw error;
    }
  }

  async pause() {
    this.paused = true;
    await this.tell({ type: 'PORTICO_PAUSE', protocol: PROTOCOL });
  }

  async resume() {
    this.paused = false;
    await this.tell({ type: 'PORTICO_RESUME', protocol: PROTOCOL });
  }

  /** The worker forgets this page; `unregister` also unregisters the worker. */
  async stop({ unregister = false } = {}) {
    this.#close();
    await this.tell({ type: 'PORTICO_STOP', protocol: PROTOCOL }).catch(() => {});
    if (unregister) await this.#registration.unregister();
  }

  /** Throws when this mode cannot take what `use(next)` overrides. */
  checkUse(next) {
    this.#mode.checkUse(next);
  }

  /** Tells the worker what use() or resetHandlers() changed, if its mode needs to know. */
  handlersChanged() {
    return this.#mode.handlersChanged(this);
  }

  /** Asks the worker; resolves to its answer, or throws what went wrong. */
  async tell(message) {
    const target = this.#container.controller ?? this.#registration.active;
    const answer = await ask(target, message, ANSWER_MS);
    if (!answer) throw new Error(`Portico: the Service Worker ${this.#settings.url} did not answer ${message.type}; reload the page.`);
    if (answer.type === 'PORTICO_REFUSED') throw new Error(answer.message);
    return answer;
  }

  #close() {
    this.#stopped = true;
    this.#detach();
  }

  /** The state the relay reads from this WorkerSession when a worker message arrives. */
  #relayState() {
    const owner = this.#owner;
    return {
      stopped: this.#stopped,
      paused: this.paused,
      unhandled: this.#settings.unhandled,
      events: owner.events,
      gateway: () => owner.gateway(),
      lambdas: () => owner.handlers.current.lambdas,
      report: (failure, context) => owner.report(failure, context),
    };
  }

  /** A new worker took over this page (an update): introduce the page to it again. */
  async #renew() {
    const worker = this.#container.controller;
    if (this.#stopped || !worker) return;
    try {
      const hello = await handshake(worker, this.#settings.url);
      if (hello.mode !== this.mode) {
        console.error(`Portico: the Service Worker that took over this page answers in ${hello.mode} mode, not ${this.mode}; reload the page.`);
        return;
      }
      await this.tell({ type: 'PORTICO_START', ...this.config() });
    } catch (error) {
      console.error(error.message);
    }
  }
}

/** The page answers for itself: fetch and XMLHttpRequest patched (installInterceptor). */
export class PageSession {
  paused = false;
  /** No Service Worker is registered in page mode. */
  registration = undefined;
  #interceptor;
  #settings;

  constructor({ interceptor, settings }) {
    this.#interceptor = interceptor;
    this.#settings = settings;
  }

  get mode() {
    return 'page';
  }

  get quiet() {
    return this.#settings.quiet;
  }

  async pause() {
    this.paused = true;
    this.#interceptor.setPaused(true);
  }

  async resume() {
    this.paused = false;
    this.#interceptor.setPaused(false);
  }

  /** Puts fetch and XMLHttpRequest back. */
  async stop() {
    this.#interceptor.restore();
  }

  checkUse() {}

  async handlersChanged() {}
}
