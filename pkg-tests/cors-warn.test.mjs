// cors: 'warn': the console says when a browser would have been refused by
// the real API's CORS, and the response is what API Gateway sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway } from '../www/portico.mjs';

const mock = (headers = {}) => ({
  responses: { 200: { description: 'ok', headers: Object.fromEntries(Object.keys(headers).map((name) => [name, { schema: { type: 'string' } }])) } },
  'x-amazon-apigateway-integration': {
    type: 'mock',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    responses: {
      default: {
        statusCode: '200',
        responseParameters: Object.fromEntries(Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, `'${value}'`])),
      },
    },
  },
});
const definition = {
  openapi: '3.0.1',
  info: { title: 'Cors', version: '1' },
  paths: {
    '/closed': { get: mock() },
    '/open': {
      get: mock({ 'Access-Control-Allow-Origin': '*' }),
      options: mock({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET,OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type' }),
      put: mock({ 'Access-Control-Allow-Origin': 'https://other.example' }),
    },
    // Answers carry the header, but the preflight (a mock) does not allow PUT.
    '/write': {
      options: mock({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET,OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type' }),
      put: mock({ 'Access-Control-Allow-Origin': '*' }),
      post: mock({ 'Access-Control-Allow-Origin': '*' }),
    },
    // No OPTIONS method: API Gateway answers the preflight 403 without CORS headers.
    '/no-options': { delete: mock({ 'Access-Control-Allow-Origin': '*' }) },
    // The preflight goes to a function: not sent for a warning.
    '/function': {
      options: {
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:preflight/invocations',
        },
      },
      put: mock({ 'Access-Control-Allow-Origin': '*' }),
    },
  },
};

async function warnings(requests, cors = 'warn', lambdas = {}) {
  const gateway = await createGateway(definition, { cors, lambdas });
  const printed = [];
  const original = console.warn;
  console.warn = (...args) => printed.push(args.join(' '));
  const statuses = [];
  try {
    for (const [method, path, headers] of requests)
      statuses.push((await gateway.fetch(new Request(`https://api.example/dev${path}`, { method, headers }))).status);
  } finally {
    console.warn = original;
  }
  return { printed, statuses };
}

const APP = { Origin: 'http://localhost:5173' };
const FIX =
  "enable CORS on the resource (the console's Enable CORS, or gateway.enableCors(path, options)); for an HTTP API, x-amazon-apigateway-cors; a Lambda proxy's own responses must carry the header themselves";

test('a cross-origin request whose answer lacks Access-Control-Allow-Origin: the header and the fix', async () => {
  const { printed, statuses } = await warnings([
    ['GET', '/closed', APP],
    ['OPTIONS', '/closed', { ...APP, 'Access-Control-Request-Method': 'GET' }],
  ]);
  assert.deepEqual(statuses, [200, 403]);
  assert.deepEqual(printed, [
    `portico: GET /dev/closed: a browser at http://localhost:5173 would be refused: the GET response has no Access-Control-Allow-Origin header; ${FIX}`,
    `portico: OPTIONS /dev/closed: a browser at http://localhost:5173 would be refused: the preflight (OPTIONS) has no Access-Control-Allow-Origin header; ${FIX}`,
  ]);
});

test('a preflight missing the method or a header, and an origin not allowed', async () => {
  const { printed } = await warnings([
    ['OPTIONS', '/open', { ...APP, 'Access-Control-Request-Method': 'DELETE' }],
    ['OPTIONS', '/open', { ...APP, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'content-type,x-api-key' }],
    ['PUT', '/open', APP],
  ]);
  assert.deepEqual(printed, [
    "portico: OPTIONS /dev/open: a browser at http://localhost:5173 would be refused: the preflight's Access-Control-Allow-Methods (get, options) lacks DELETE; add it to the allowed methods",
    "portico: OPTIONS /dev/open: a browser at http://localhost:5173 would be refused: the preflight's Access-Control-Allow-Headers (content-type) lacks x-api-key; add them to the allowed headers",
    'portico: PUT /dev/open: a browser at http://localhost:5173 would be refused: the PUT response allows the origin https://other.example only; add http://localhost:5173 to the allowed origins',
  ]);
});

test('nothing is said for a same-origin request, an allowed one, or without the option', async () => {
  assert.deepEqual(
    (
      await warnings([
        ['GET', '/closed', { Origin: 'https://api.example' }],
        ['GET', '/open', APP],
        ['OPTIONS', '/open', { ...APP, 'Access-Control-Request-Method': 'GET' }],
      ])
    ).printed,
    [],
  );
  assert.deepEqual((await warnings([['GET', '/closed', APP]], null)).printed, []);
});

test('a request a browser preflights: the preflight the real API would answer is checked too, though Portico needs none', async () => {
  const json = { ...APP, 'Content-Type': 'application/json' };
  const { printed, statuses } = await warnings([
    ['PUT', '/write', json],
    ['POST', '/write', { ...APP, 'X-Api-Key': 'k' }],
    ['DELETE', '/no-options', APP],
  ]);
  assert.deepEqual(statuses, [200, 200, 200]);
  assert.deepEqual(printed, [
    "portico: PUT /dev/write: a browser at http://localhost:5173 would be refused: the preflight's Access-Control-Allow-Methods (get, options) lacks PUT; add it to the allowed methods",
    "portico: POST /dev/write: a browser at http://localhost:5173 would be refused: the preflight's Access-Control-Allow-Headers (content-type) lacks x-api-key; add them to the allowed headers",
    `portico: DELETE /dev/no-options: a browser at http://localhost:5173 would be refused: the preflight (OPTIONS) has no Access-Control-Allow-Origin header; ${FIX}`,
  ]);
});

test('no preflight is checked for a simple request, and none is sent to a function', async () => {
  const calls = [];
  const preflight = (event) => {
    calls.push(event.httpMethod);
    return { statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' } };
  };
  const { printed, statuses } = await warnings(
    [
      ['POST', '/write', { ...APP, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'application/json' }],
      ['PUT', '/function', { ...APP, 'Content-Type': 'application/json' }],
    ],
    'warn',
    { preflight },
  );
  assert.deepEqual(statuses, [200, 200]);
  assert.deepEqual(printed, []);
  assert.deepEqual(calls, []);
});
