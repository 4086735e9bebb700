// The app's own fetch answered by the gateway in a test runner, as msw's
// setupServer does: `node --test examples/node-test/`. Vitest and Jest take
// the same beforeAll / afterEach / afterAll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway } from '../../www/portico.mjs';
import { interceptFetch } from '../../www/browser.mjs';

const definition = {
  openapi: '3.0.1',
  info: { title: 'Pets', version: '1' },
  paths: {
    '/pets/{petId}': {
      get: {
        responses: { 200: { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"id": "$input.params(\'petId\')"}' } } },
        },
      },
    },
  },
};

let interception;
before(async () => {
  const gateway = await createGateway(definition);
  interception = interceptFetch(gateway, { hosts: ['https://api.example.com'] }); // like server.listen()
});
after(() => interception.restore()); // like server.close()

test('the app reads a pet', async () => {
  const response = await fetch('https://api.example.com/pets/7'); // the app's own code
  assert.deepEqual(await response.json(), { id: '7' });
});
