import { setupWorker } from 'portico/browser';

const worker = setupWorker(null, { serviceWorker: { url: '/my-sw.mjs', options: { type: 'module' } } });
await worker.start();

const response = await fetch('https://abc123.execute-api.us-east-1.amazonaws.com/dev/');
console.log(worker.mode, response.status, await response.text()); // bundled 200 {"statusCode":200,"body":"\"Our first API gateway test was a success!!\""}
