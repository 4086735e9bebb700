import { createGateway } from 'portico';
import { interceptFetch } from 'portico/browser';
import definition from './openapi.json' with { type: 'json' };
import * as lambdas from './handlers.mjs';

const gateway = await createGateway(definition, { lambdas });
const interception = interceptFetch(gateway, { hosts: ['https://api.example.com'] });

const viaFetch = await fetch('https://abc123.execute-api.us-east-1.amazonaws.com/dev/');
const xhr = new XMLHttpRequest();
xhr.open('GET', 'https://api.example.com/');  // the custom domain: no base path, the gateway's stage
xhr.responseType = 'json';
await new Promise((resolve) => { xhr.onload = resolve; xhr.send(); });
interception.restore();                        // fetch and XMLHttpRequest are the browser's again

console.log(viaFetch.status, xhr.status, xhr.response.statusCode); // 200 200 200
