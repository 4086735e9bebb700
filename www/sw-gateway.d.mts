// Type declarations for www/sw-gateway.mjs: Portico inside a Service Worker of your own.
import type { GatewayOptions } from './portico.mjs';
import type { HostEntry } from './browser.mjs';

/** Answers the pages' gateway requests in this worker, with the handlers bundled here. */
export function installGateway(
  definition: string | object | URL | Promise<string | object> | (() => string | object | Promise<string | object>),
  options?: Omit<GatewayOptions, 'wasm'> & { hosts?: HostEntry[] },
): void;
