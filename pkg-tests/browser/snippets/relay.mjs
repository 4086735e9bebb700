import { setupWorker } from 'portico/browser';
import definition from './openapi.json' with { type: 'json' };
import * as lambdas from './handlers.mjs';

const worker = setupWorker(definition, { lambdas });
await worker.start(); // resolves once /sw.js controls the page: the next request is answered

const response = await fetch('https://abc123.execute-api.us-east-1.amazonaws.com/dev/');
console.log(response.status, await response.text()); // 200 {"statusCode":200,"body":"\"Our first API gateway test was a success!!\""}
