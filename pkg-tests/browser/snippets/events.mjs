import { setupWorker } from 'portico/browser';
import definition from './openapi.json' with { type: 'json' };
import * as lambdas from './handlers.mjs';

const worker = setupWorker(definition, { lambdas, onUnhandledRequest: 'warn' });
const seen = [];
for (const type of ['request:start', 'request:match', 'integration:request', 'response:mocked', 'request:end']) {
  worker.events.on(type, ({ request, requestId }) => seen.push(type));
}
worker.events.on('response:bypass', ({ request }) => console.info('to the network:', request.url));
await worker.start({ quiet: true });

await fetch('https://abc123.execute-api.us-east-1.amazonaws.com/dev/');
console.log(seen.join(' ')); // request:start request:match integration:request response:mocked request:end
