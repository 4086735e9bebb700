// The Worker: Portico's edge entry with this API and its handlers. Wrangler
// bundles portico/edge and compiles its wasm at deploy time.
import { createEdgeHandler } from 'portico/edge';
import definition from '../openapi.json';
import * as lambdas from './handlers.mjs';

export default createEdgeHandler({ definition, lambdas });
