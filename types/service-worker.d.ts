// For the type check of www/sw.js and www/sw-gateway.mjs (tsconfig.worker.json):
// there, `self` is a Service Worker's global scope, which TypeScript's
// WebWorker library types as a plain WorkerGlobalScope; these members are
// the ServiceWorkerGlobalScope's the scripts use, and what sw.js leaves on
// `self` for sw-gateway.mjs.

interface WorkerGlobalScope {
  readonly clients: Clients;
  skipWaiting(): Promise<void>;
  addEventListener<K extends keyof ServiceWorkerGlobalScopeEventMap>(
    type: K,
    listener: (this: ServiceWorkerGlobalScope, event: ServiceWorkerGlobalScopeEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  /** sw.js's core, which sw-gateway.mjs builds on. */
  __porticoWorker?: PorticoWorkerCore;
}

/** A page that started Portico, as the worker keeps it. */
interface PorticoClientState {
  hosts: import('../www/browser.mjs').CompiledHost[];
  paused: boolean;
  unhandled: 'notify' | 'error';
  overrides: { lambdas: string[] } | null;
}

/** What answers gateway requests in a bundled worker (installGateway). */
interface PorticoAnswerer {
  hosts: import('../www/browser.mjs').CompiledHost[];
  answer(request: Request, context: { clientId: string; entry: import('../www/browser.mjs').CompiledHost; state: PorticoClientState }): Promise<Response>;
}

interface PorticoWorkerCore {
  protocol: number;
  version: string;
  messages: object;
  clients: Map<string, PorticoClientState>;
  install(answerer: PorticoAnswerer): void;
  ask(clientId: string, message: { type: string; [field: string]: unknown }, transfer?: Transferable[]): Promise<any>;
  notify(clientId: string, message: { type: string; [field: string]: unknown }): void;
  matchUrl(entries: import('../www/browser.mjs').CompiledHost[], url: URL): import('../www/browser.mjs').CompiledHost | null;
}
