// The PetStore and {proxy+} examples end to end through gateway.fetch: the
// PetStore's HTTP integrations reach a local stand-in for the demo backend
// (the harness's `fetch` option sends them there), the proxy example's
// Lambda gets the event; then "Enable CORS" on a resource.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createGateway } from '../www/portico.mjs';
import { app } from '../examples/proxy/handlers.mjs';

const PETS = [
  { id: 1, type: 'dog', price: 249.99 },
  { id: 2, type: 'cat', price: 124.99 },
  { id: 3, type: 'fish', price: 0.99 },
];

let backend;
let base;
const seen = [];

before(async () => {
  backend = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const url = new URL(req.url, 'http://backend');
    seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
    const send = (status, value) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'X-Backend': 'petstore' });
      res.end(JSON.stringify(value));
    };
    const match = url.pathname.match(/^\/petstore\/pets(?:\/(\w+))?$/);
    if (!match) return send(404, { message: 'no route' });
    if (req.method === 'POST') return send(200, { pet: JSON.parse(Buffer.concat(chunks).toString() || '{}'), message: 'success' });
    if (match[1]) return send(200, PETS.find((p) => String(p.id) === match[1]) ?? {});
    const type = url.searchParams.get('type');
    return send(200, type ? PETS.filter((p) => p.type === type) : PETS);
  });
  await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${backend.address().port}`;
});

after(() => backend.close());

/** Sends the PetStore's requests for the demo endpoint to the local backend. */
function toLocalBackend(request) {
  const url = new URL(request.url);
  assert.equal(url.host, 'petstore-demo-endpoint.execute-api.com');
  return fetch(new Request(base + url.pathname + url.search, request));
}

const api = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

test('PetStore: the MOCK home page, HTTP integrations with query and path mappings, CORS preflight', async () => {
  const petstore = await readFile(new URL('../examples/petstore/openapi.json', import.meta.url), 'utf8');
  const gateway = await createGateway(petstore, { fetch: toLocalBackend });

  const home = await gateway.fetch(new Request(`${api}/dev/`));
  assert.equal(home.status, 200);
  assert.equal(home.headers.get('content-type'), 'text/html');
  assert.match(await home.text(), /<h1>PetStore<\/h1>[\s\S]*href="\/dev\/pets"/);

  seen.length = 0;
  const dogs = await gateway.fetch(new Request(`${api}/dev/pets?type=dog&page=1&ignored=x`, { headers: { Accept: 'application/json', Cookie: 'a=b' } }));
  assert.equal(dogs.status, 200);
  assert.equal(await dogs.text(), JSON.stringify([PETS[0]]));
  assert.equal(dogs.headers.get('access-control-allow-origin'), '*');
  assert.equal(dogs.headers.get('content-type'), 'application/json');
  assert.equal(dogs.headers.get('x-backend'), null, "a custom integration's backend headers stay behind");
  assert.match(dogs.headers.get('x-amzn-requestid'), /^[0-9a-f-]{36}$/);
  // Only the mapped query parameters reach the backend, and none of the client's headers.
  assert.equal(seen[0].url, '/petstore/pets?page=1&type=dog');
  assert.equal(seen[0].headers['user-agent'], 'AmazonAPIGateway_a1b2c3d4e5');
  assert.equal(seen[0].headers.cookie, undefined);

  const two = await gateway.fetch(new Request(`${api}/dev/pets/2`));
  assert.equal(await two.text(), JSON.stringify(PETS[1]));
  assert.equal(seen.at(-1).url, '/petstore/pets/2');

  const added = await gateway.fetch(
    new Request(`${api}/dev/pets`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":"bird","price":9.5}' }),
  );
  assert.equal(added.status, 200);
  assert.equal(await added.text(), '{"pet":{"type":"bird","price":9.5},"message":"success"}');

  const preflight = await gateway.fetch(new Request(`${api}/dev/pets`, { method: 'OPTIONS' }));
  assert.equal(preflight.status, 200);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.equal(preflight.headers.get('access-control-allow-methods'), 'POST,GET,OPTIONS');

  const down = await createGateway(petstore, { fetch: () => Promise.reject(new TypeError('fetch failed')) });
  const failed = await down.fetch(new Request(`${api}/dev/pets`));
  assert.equal(failed.status, 504);
  assert.equal(await failed.text(), '{"message": "Network error communicating with endpoint"}');
});

test('PetStore in the console: the test log of an HTTP integration', async () => {
  const petstore = await readFile(new URL('../examples/petstore/openapi.json', import.meta.url), 'utf8');
  const gateway = await createGateway(petstore, { fetch: toLocalBackend });
  const result = await gateway.testInvoke({ method: 'GET', path: '/pets/3' });
  assert.equal(result.status, 200);
  assert.equal(result.body, JSON.stringify(PETS[2]));
  const lines = result.log.split('\n').map((l) => l.split(' : ').slice(1).join(' : '));
  assert.ok(lines.includes('Endpoint request URI: http://petstore-demo-endpoint.execute-api.com/petstore/pets/3'), result.log);
  assert.ok(
    lines.some((l) => /^Received response\. Status: 200, Integration latency: \d+ ms$/.test(l)),
    result.log,
  );
  assert.ok(lines.includes('Method completed with status: 200'));
});

test('{proxy+}: every path and method reaches the one function', async () => {
  const proxy = await readFile(new URL('../examples/proxy/openapi.yaml', import.meta.url), 'utf8');
  const gateway = await createGateway(proxy, { lambdas: { app } });
  const deep = await gateway.fetch(new Request(`${api}/dev/users/42/orders?limit=5`, { method: 'PATCH', body: '{}' }));
  assert.equal(deep.status, 200);
  assert.deepEqual(await deep.json(), {
    resource: '/{proxy+}',
    path: '/users/42/orders',
    method: 'PATCH',
    pathParameters: { proxy: 'users/42/orders' },
    query: { limit: '5' },
  });
  const root = await gateway.fetch(new Request(`${api}/dev/`));
  assert.deepEqual(await root.json(), { resource: '/', path: '/', method: 'GET', pathParameters: null, query: null });
});

test('Enable CORS: a preflight answered by a MOCK, the origin header on the method', async () => {
  const definition = {
    openapi: '3.0.1',
    info: { title: 'T', version: '1' },
    paths: {
      '/notes': {
        get: {
          responses: { 200: { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '[]' } } },
          },
        },
      },
    },
  };
  const gateway = await createGateway(definition);
  const before = await gateway.fetch(new Request(`${api}/dev/notes`, { method: 'OPTIONS' }));
  assert.equal(before.status, 403, 'REST APIs add no CORS by themselves');
  gateway.enableCors('/notes', { gatewayResponses: true });
  const preflight = await gateway.fetch(new Request(`${api}/dev/notes`, { method: 'OPTIONS' }));
  assert.equal(preflight.status, 200);
  assert.deepEqual(Object.fromEntries([...preflight.headers].filter(([k]) => k.startsWith('access-control'))), {
    'access-control-allow-headers': 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token',
    'access-control-allow-methods': 'GET,OPTIONS',
    'access-control-allow-origin': '*',
  });
  const get = await gateway.fetch(new Request(`${api}/dev/notes`));
  assert.equal(get.headers.get('access-control-allow-origin'), '*');
  const missing = await gateway.fetch(new Request(`${api}/dev/nothing`));
  assert.equal(missing.status, 403);
  assert.equal(missing.headers.get('access-control-allow-origin'), '*', 'DEFAULT_4XX carries the headers');
  assert.throws(() => gateway.enableCors('/nope'), /`\/nope` is not a resource of the API/);
  assert.deepEqual(Object.keys(gateway.export().paths['/notes']).sort(), ['get', 'options']);
});
