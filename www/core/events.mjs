// The gateway's lifecycle events and their emitter, shared by the core
// (portico.mjs) and the browser side (browser.mjs, sw-gateway.mjs). It lives
// apart from both so that the core imports nothing written for the browser.

/**
 * An event emitter with the gateway's interface: `on(type, listener)`,
 * `off`, `once`, `removeAllListeners(type?)`, `listenerCount(type)`, `emit`.
 * A listener that throws is reported on the console; the others still run.
 * `onListen(type)` (optional) learns when a type gets its first listener.
 */
export class Emitter {
  #listeners = new Map();
  #onListen;

  constructor(onListen) {
    this.#onListen = onListen;
  }

  on(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
    this.#onListen?.(type);
    return this;
  }

  once(type, listener) {
    const wrapped = (payload) => {
      this.off(type, wrapped);
      listener(payload);
    };
    return this.on(type, wrapped);
  }

  off(type, listener) {
    this.#listeners.get(type)?.delete(listener);
    return this;
  }

  removeAllListeners(type) {
    if (type === undefined) this.#listeners.clear();
    else this.#listeners.delete(type);
    return this;
  }

  listenerCount(type) {
    return this.#listeners.get(type)?.size ?? 0;
  }

  emit(type, payload) {
    const listeners = this.#listeners.get(type);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`portico: a "${type}" listener threw:`, error);
      }
    }
  }
}

/**
 * The lifecycle events a gateway emits (and an interceptor forwards).
 * @type {Array<keyof import('../portico.mjs').GatewayEvents>}
 */
export const GATEWAY_EVENTS = ['request:start', 'request:match', 'request:unhandled', 'integration:request', 'response:mocked', 'request:end'];
