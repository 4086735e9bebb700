// Type declarations for www/browser.mjs: Service Worker and page mode.
import type { Emitter, Gateway, GatewayEvents, GatewayOptions, LambdaHandler, ServiceAnswer, ServiceCall, NetworkError } from './portico.mjs';
export { delay, networkError } from './portico.mjs';

/** A host the interceptors answer for: a host pattern (`*.execute-api.*.amazonaws.com`, paths start with the stage), a base URL of a custom domain (its base path stands for the stage), or `{ url, stage }`. */
export type HostEntry = string | URL | { url: string | URL; stage?: string };

/** What happens to a request that is not for the gateway: let it through, warn, refuse it, or decide. */
export type UnhandledStrategy = 'bypass' | 'warn' | 'error' | ((request: Request, print: { warning(): void; error(): void }) => void);

/** The events of an interceptor: the gateway's, plus the requests it let through. */
export interface WorkerEvents extends GatewayEvents {
  'request:unhandled': { request: Request; requestId: string };
  'response:bypass': { request: Request; requestId: string; response: Response };
}

/** How the worker runs: given to `setupWorker`, or to one `start()`. */
export interface StartOptions {
  /** The worker's script (default `/sw.js`) and its registration options (`scope`, `type`). */
  serviceWorker?: { url?: string; options?: RegistrationOptions };
  onUnhandledRequest?: UnhandledStrategy;
  /** No line on the console when started. */
  quiet?: boolean;
}

/** `setupWorker`'s options: the gateway's, and how the worker runs. */
export interface SetupWorkerOptions extends Omit<GatewayOptions, 'wasm' | 'quiet'>, StartOptions {
  hosts?: HostEntry[];
  /** A console line per request, `GET /dev/pets/7 → 200 getPet 6 ms`. */
  log?: boolean;
  wasm?: GatewayOptions['wasm'];
}

/** The handlers `use()` overrides. */
export interface HandlerSet {
  lambdas?: { [name: string]: LambdaHandler };
  services?: { [key: string]: (call: ServiceCall) => ServiceAnswer | Promise<ServiceAnswer> };
  fetch?: (request: Request) => Promise<Response | NetworkError>;
}

/** A Service Worker (or, where there is none, page-mode) mock of the API. */
export interface PorticoWorker {
  readonly events: Emitter<WorkerEvents>;
  /** How requests are answered: 'relay', 'bundled', 'page', or null before start(). */
  readonly mode: 'relay' | 'bundled' | 'page' | null;
  /** Resolves once the worker controls the page: the next request is answered. */
  start(options?: StartOptions): Promise<ServiceWorkerRegistration | undefined>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(options?: { unregister?: boolean }): Promise<void>;
  use(handlers: HandlerSet): Promise<void>;
  resetHandlers(handlers?: HandlerSet): Promise<void>;
  listHandlers(): Required<Pick<HandlerSet, 'lambdas' | 'services'>> & Pick<HandlerSet, 'fetch'>;
}

/** msw's setupWorker, for an API Gateway definition (`null` when a worker of your own bundles it). */
export function setupWorker(definition: string | object | URL | null, options?: SetupWorkerOptions): PorticoWorker;

/** Page mode: patches fetch and XMLHttpRequest to answer the gateway's hosts. */
export function interceptFetch(
  gateway: Gateway,
  options?: { hosts?: HostEntry[]; onUnhandledRequest?: UnhandledStrategy; events?: Emitter<WorkerEvents> },
): { restore(): void };

/** A `hosts` entry compiled: a host pattern, or a custom domain's origin and base path (mapped to `stage`, else the gateway's). */
export type CompiledHost = { type: 'host'; pattern: string } | { type: 'base'; origin: string; basePath: string; stage: string | undefined };

// For tools that talk to Portico's worker themselves; apps need none of these.
/** The relay protocol both sides check. */
export const PROTOCOL: number;
/** This package's version. */
export const VERSION: string;
/** Compiles `hosts` entries (with the execute-api pattern always included). */
export function compileHosts(hosts?: HostEntry | HostEntry[]): CompiledHost[];
