// The handlers a setupWorker answers with: those it was given, and those
// `use()` put on top of them until `resetHandlers()`. The page's gateway is
// created once, over live views of them, so an override takes effect at the
// next request without rebuilding it.

export class HandlerRegistry {
  #initial;
  #current;

  constructor(options) {
    this.#initial = handlerSet(options);
    this.#current = copyHandlers(this.#initial);
  }

  /** The handlers in force (not a copy). */
  get current() {
    return this.#current;
  }

  /** `use({ lambdas, services, fetch })`: each given one replaces its namesake from now on. */
  use(next) {
    const current = this.#current;
    this.#current = {
      lambdas: next.lambdas ? { ...current.lambdas, ...next.lambdas } : current.lambdas,
      services: next.services ? { ...current.services, ...next.services } : current.services,
      fetch: next.fetch ?? current.fetch,
    };
  }

  /** Back to the initial handlers (or to `next`, which become the initial ones). */
  reset(next) {
    if (next) this.#initial = handlerSet(next);
    this.#current = copyHandlers(this.#initial);
  }

  /** A copy of the handlers in force: `{ lambdas, services, fetch }`. */
  list() {
    return copyHandlers(this.#current);
  }

  /** The functions use() replaced: their names, for a bundled worker; null when none is. */
  overrides() {
    const { lambdas } = this.#current;
    const names = Object.keys(lambdas).filter((name) => lambdas[name] !== this.#initial.lambdas[name]);
    return names.length ? { lambdas: names.sort() } : null;
  }

  /**
   * `createGateway` options whose `lambdas`, `services` and `fetch` are always
   * the ones in force; `fallbackFetch` performs HTTP integrations when no
   * `fetch` handler is given.
   */
  gatewayOptions(options, fallbackFetch) {
    return {
      ...options,
      lambdas: liveObject(() => this.#current.lambdas),
      services: liveObject(() => this.#current.services),
      fetch: (request) => (this.#current.fetch ?? fallbackFetch)(request),
    };
  }
}

function handlerSet(options) {
  return { lambdas: { ...(options.lambdas ?? {}) }, services: { ...(options.services ?? {}) }, fetch: options.fetch };
}

function copyHandlers(set) {
  return { lambdas: { ...set.lambdas }, services: { ...set.services }, fetch: set.fetch };
}

/** An object whose properties are always those of `get()` (handlers use() may replace). */
function liveObject(get) {
  return new Proxy(
    {},
    {
      get: (_, key) => get()[key],
      has: (_, key) => key in get(),
      ownKeys: () => Reflect.ownKeys(get()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Object.getOwnPropertyDescriptor(get(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}
