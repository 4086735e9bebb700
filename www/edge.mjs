// Portico at the edge: a Workers-style module (workerd, Cloudflare Workers)
// that answers requests the way the API Gateway definition it serves would.
//
//   import { createEdgeHandler } from './edge.mjs';
//   import api from './openapi.json';
//   import * as handlers from './handlers.mjs';
//   export default createEdgeHandler({ definition: api, lambdas: handlers });
//
// Its own default export takes everything from bindings, for APIs that need
// no JS handlers (MOCK, HTTP): PORTICO_API (the definition: JSON or YAML
// text, a JSON object or data), PORTICO_STAGE, PORTICO_STAGE_VARIABLES (JSON)
// and PORTICO_UNMATCHED ('forbidden' or 'passthrough'). An option given to
// createEdgeHandler wins over its binding.
//
// The wasm is imported as a module, which edge runtimes compile at deploy
// time into a WebAssembly.Module: nothing is fetched at run time.

import wasm from '../pkg/portico_bg.wasm';
import { createGateway } from './portico.mjs';
import { handlersOf } from './core/lambda.mjs';

const UNMATCHED = new Set(['forbidden', 'passthrough']);

/**
 * A Workers module `{ fetch(request, env, ctx) }` serving an API definition.
 *
 * Options: `definition` (an object, or JSON/YAML text), `lambdas` (handlers
 * keyed by function name: an object or a module namespace, named exports or a
 * default export object), `unmatched` (`'forbidden'`, the default: a request
 * the API does not route gets API Gateway's 403; `'passthrough'`: it goes on to
 * `fetch(request)` untouched; or a function `(request, env, ctx) => Response`),
 * and every option of `createGateway` (`stage`, `stageVariables`, `fetch`,
 * `services`, `stages` ...). The gateway is created on the first request and
 * kept for the life of the isolate.
 */
export function createEdgeHandler(options = {}) {
  const { definition, lambdas, unmatched, ...gatewayOptions } = options;
  if (unmatched !== undefined) checkUnmatched(unmatched, 'the unmatched option');
  const handlers = handlersOf(lambdas);
  let cached = null;

  function gatewayFor(env = {}) {
    const source = definition ?? env.PORTICO_API;
    const stage = gatewayOptions.stage ?? env.PORTICO_STAGE;
    const variables = gatewayOptions.stageVariables ?? env.PORTICO_STAGE_VARIABLES;
    if (cached && cached.source === source && cached.stage === stage && cached.variables === variables) {
      return cached.gateway;
    }
    if (source === undefined || source === null) {
      throw new Error('Portico: no API definition (pass `definition` to createEdgeHandler or bind PORTICO_API)');
    }
    const text = source instanceof ArrayBuffer || ArrayBuffer.isView(source) ? new TextDecoder().decode(source) : source;
    const gateway = createGateway(text, {
      ...gatewayOptions,
      stage,
      stageVariables: typeof variables === 'string' ? JSON.parse(variables) : variables,
      lambdas: handlers,
      wasm,
    });
    cached = { source, stage, variables, gateway };
    return gateway;
  }

  return {
    async fetch(request, env, ctx) {
      const gateway = await gatewayFor(env);
      const mode = unmatched ?? checkUnmatched(env?.PORTICO_UNMATCHED ?? 'forbidden', 'PORTICO_UNMATCHED');
      if (mode !== 'forbidden' && gateway.route(request.method, new URL(request.url).pathname) === null) {
        return typeof mode === 'function' ? mode(request, env, ctx) : fetch(request);
      }
      // The client's address, where the runtime tells it (Cloudflare does).
      const sourceIp = request.headers.get('CF-Connecting-IP') ?? undefined;
      return gateway.fetch(request, { sourceIp });
    },
  };
}

function checkUnmatched(value, where) {
  if (typeof value === 'function' || UNMATCHED.has(value)) return value;
  throw new Error(`Portico: ${where} is ${JSON.stringify(value)}; use 'forbidden', 'passthrough' or a function`);
}

export default createEdgeHandler();
