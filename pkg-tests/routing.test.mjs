// Routing through the built package: the same corpus as `cargo test`
// (tests/router-inputs/*.txt with their snapshots), answered by the wasm core
// through gateway.route and gateway.fetch; then a 300-resource API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { createGateway } from '../www/portico.mjs';
import * as api300 from './fixtures/api300.mjs';

const HOST = 'https://abc123defg.execute-api.us-east-1.amazonaws.com';
const inputs = new URL('../tests/router-inputs/', import.meta.url);
const snapshots = new URL('../tests/snapshots/', import.meta.url);

/** The same definition tests/router.rs builds: a MOCK method per route. */
function definition(routes) {
  const paths = {};
  for (const route of routes) {
    const [method, path] = route.split(' ');
    const key = method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase();
    (paths[path] ??= {})[key] = {
      responses: { 200: { description: 'ok' } },
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        responses: { default: { statusCode: '200' } },
      },
    };
  }
  return { openapi: '3.0.1', info: { title: 'routes', version: '1' }, paths };
}

for (const file of (await readdir(inputs)).filter((f) => f.endsWith('.txt')).sort()) {
  test(`router input ${file} answers as the native snapshot says`, async () => {
    const input = await readFile(new URL(file, inputs), 'utf8');
    const [context] = input.split('\n---\n');
    const snapshot = await readFile(new URL(`router__router_inputs@${file}.snap`, snapshots), 'utf8');
    const expected = snapshot.split('\n---\n')[1].trim().split('\n');
    const gateway = await createGateway(definition(JSON.parse(context).routes));
    for (const line of expected) {
      const [request] = line.split(' -> ');
      const [method, target] = request.split(' ');
      const path = target.split('#')[0].split('?')[0];
      const hit = gateway.route(method, path);
      const routed = hit
        ? `${hit.method} ${hit.resourcePath} ${Object.entries(hit.pathParameters)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`.trimEnd()
        : 'no route';
      const response = await gateway.fetch(new Request(`${HOST}${target}`, { method }));
      const error = response.headers.get('x-amzn-errortype');
      const answer = error ? `${response.status} ${error} ${await response.text()}` : String(response.status);
      // A response to HEAD has no body; the snapshot shows what the core answered.
      const want = method === 'HEAD' ? line.replace(/ \{.*\}$/, ' ') : line;
      assert.equal(`${request} -> ${routed} -> ${answer}`, want);
    }
  });
}

test('a 300-resource API routes every request to the right resource', async () => {
  const gateway = await createGateway(api300.definition);
  const exported = gateway.export();
  assert.equal(Object.keys(exported.paths).length, Object.keys(api300.paths).length);
  for (const [method, path, resource] of api300.requests) {
    const hit = gateway.route(method, path);
    assert.equal(hit?.resourcePath ?? null, resource, `${method} ${path}`);
    const response = await gateway.fetch(new Request(`${HOST}${path}`, { method }));
    if (resource) {
      assert.equal(response.status, 200, `${method} ${path}`);
      assert.equal(await response.text(), `{"resource":"${resource}"}`);
    } else {
      assert.equal(response.status, 403, `${method} ${path}`);
      assert.equal(response.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
      assert.equal(await response.text(), '{"message":"Missing Authentication Token"}');
    }
  }
});

test('path parameters come back raw', async () => {
  const gateway = await createGateway(api300.definition);
  const hit = gateway.route('GET', '/dev/v1/users/a%2Fb/files/caf%C3%A9');
  assert.deepEqual(hit.pathParameters, { userId: 'a%2Fb', fileId: 'caf%C3%A9' });
  assert.equal(gateway.route('GET', '/prod/health'), null);
});
