import { setupWorker } from 'portico/browser';
import definition from './openapi.json' with { type: 'json' };
import * as lambdas from './handlers.mjs';

const worker = setupWorker(definition, {
  lambdas,
  hosts: [
    'https://api.example.com/v1',                     // custom domain, base path v1 -> the gateway's stage (dev)
    { url: 'https://api.example.com/beta', stage: 'dev' }, // base path beta -> the stage named
  ],
});
await worker.start();

// Override a function for a while, as msw's worker.use() does.
await worker.use({ lambdas: { API_test: async () => ({ statusCode: 200, body: '"overridden"' }) } });
const overridden = await (await fetch('https://api.example.com/v1/')).json();
await worker.resetHandlers();
const original = await (await fetch('https://api.example.com/beta/')).json();
console.log(overridden.body, original.body); // "overridden" "Our first API gateway test was a success!!"
