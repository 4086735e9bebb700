// my-sw.mjs, next to sw.js in your public directory: your worker, with the
// API and its handlers bundled in. Imports must be static in a worker.
import { installGateway } from '/portico/www/sw-gateway.mjs'; // 'portico/sw-gateway' when a bundler builds it
import definition from './openapi.json' with { type: 'json' };
import * as lambdas from './handlers.mjs';

installGateway(definition, { lambdas });
