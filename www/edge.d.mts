// Type declarations for www/edge.mjs: the Workers-style edge module.
import type { GatewayOptions, LambdaHandler } from './portico.mjs';

/**
 * What to do with a request the API does not route. `Env` and `Ctx` are the
 * runtime's bindings and execution context (Cloudflare's `Env` and
 * `ExecutionContext`, say), as the function receives them.
 */
export type Unmatched<Env = unknown, Ctx = unknown> = 'forbidden' | 'passthrough' | ((request: Request, env: Env, ctx: Ctx) => Response | Promise<Response>);

/** The bindings Portico reads, where options do not give them. */
export interface PorticoBindings {
  /** The definition: JSON or YAML text, a JSON object, or its bytes. */
  PORTICO_API?: string | object | ArrayBuffer | ArrayBufferView;
  PORTICO_STAGE?: string;
  /** Stage variables as JSON text (or an object). */
  PORTICO_STAGE_VARIABLES?: string | { [name: string]: string };
  PORTICO_UNMATCHED?: 'forbidden' | 'passthrough';
}

/** A Workers module. */
export interface EdgeHandler<Env = unknown, Ctx = unknown> {
  fetch(request: Request, env?: Env, ctx?: Ctx): Promise<Response>;
}

/** A Workers module serving an API definition (`definition` and the rest may come from bindings: PorticoBindings). */
export function createEdgeHandler<Env = unknown, Ctx = unknown>(
  options?: Omit<GatewayOptions, 'lambdas' | 'wasm'> & {
    definition?: string | object;
    lambdas?: { [name: string]: LambdaHandler | unknown };
    unmatched?: Unmatched<Env, Ctx>;
  },
): EdgeHandler<Env, Ctx>;

declare const handler: EdgeHandler<PorticoBindings>;
export default handler;
