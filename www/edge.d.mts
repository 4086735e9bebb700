// Type declarations for www/edge.mjs: the Workers-style edge module.
import type { GatewayOptions, LambdaHandler } from './portico.mjs';

/** What to do with a request the API does not route. */
export type Unmatched = 'forbidden' | 'passthrough' | ((request: Request, env: any, ctx: any) => Response | Promise<Response>);

/** A Workers module. */
export interface EdgeHandler {
  fetch(request: Request, env?: any, ctx?: any): Promise<Response>;
}

/** A Workers module serving an API definition (`definition` and the rest may come from bindings). */
export function createEdgeHandler(
  options?: Omit<GatewayOptions, 'lambdas' | 'wasm'> & {
    definition?: string | object;
    lambdas?: { [name: string]: LambdaHandler | unknown };
    unmatched?: Unmatched;
  },
): EdgeHandler;

declare const handler: EdgeHandler;
export default handler;
