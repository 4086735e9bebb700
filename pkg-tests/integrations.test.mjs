// The harness's side of integrations: AWS service handlers (`services`),
// VPC links (`vpcLinks`) and the integration timeout, through gateway.fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway } from '../www/portico.mjs';

const origin = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
const mapped = { default: { statusCode: '200' } };

const definition = {
  openapi: '3.0.1',
  info: { title: 'Integrations', version: '1' },
  paths: {
    '/queue': {
      post: {
        responses: { 200: { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: 'arn:aws:apigateway:eu-west-1:sqs:action/SendMessage',
          requestTemplates: { 'application/json': 'MessageBody=$util.urlEncode($input.body)' },
          responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"id": "$input.path(\'$.MessageId\')"}' } } },
        },
      },
    },
    '/linked': {
      get: {
        responses: { 200: { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'http_proxy',
          httpMethod: 'GET',
          uri: 'http://nlb.internal/status?x=1',
          connectionType: 'VPC_LINK',
          connectionId: 'link-1',
        },
      },
    },
    '/slow': {
      get: {
        responses: { 200: { description: 'ok' } },
        'x-amazon-apigateway-integration': { type: 'http', httpMethod: 'GET', uri: 'https://slow.example/', timeoutInMillis: 50, responses: mapped },
      },
    },
  },
};

test('an AWS service integration calls the registered handler', async () => {
  const calls = [];
  const gateway = await createGateway(definition, {
    services: {
      'sqs:SendMessage': async (call) => {
        calls.push(call);
        return { MessageId: 'm-1' };
      },
    },
  });
  const response = await gateway.fetch(
    new Request(`${origin}/dev/queue`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' }),
  );
  assert.equal(response.status, 200);
  assert.equal(await response.text(), '{"id": "m-1"}');
  assert.equal(calls.length, 1);
  assert.deepEqual(
    { service: calls[0].service, action: calls[0].action, method: calls[0].method, url: calls[0].url, body: calls[0].body, region: calls[0].region },
    {
      service: 'sqs',
      action: 'SendMessage',
      method: 'POST',
      url: 'https://sqs.eu-west-1.amazonaws.com/?Action=SendMessage',
      body: 'MessageBody=%7B%22a%22%3A1%7D',
      region: 'eu-west-1',
    },
  );
  const unhandled = await createGateway(definition);
  const failed = await unhandled.fetch(new Request(`${origin}/dev/queue`, { method: 'POST', body: '{}' }));
  assert.equal(failed.status, 504);
});

test('a VPC link sends the request to its configured target', async () => {
  const seen = [];
  const gateway = await createGateway(definition, {
    vpcLinks: { 'link-1': 'http://127.0.0.1:9999' },
    fetch: async (request) => {
      seen.push(request.url);
      return new Response('up', { headers: { 'Content-Type': 'text/plain' } });
    },
  });
  const response = await gateway.fetch(new Request(`${origin}/dev/linked`));
  assert.equal(await response.text(), 'up');
  assert.deepEqual(seen, ['http://127.0.0.1:9999/status?x=1']);
  const unknown = await createGateway({ ...definition, paths: { '/linked': { get: { ...definition.paths['/linked'].get } } } });
  const refused = await unknown.testInvoke({ method: 'GET', path: '/linked' });
  assert.equal(refused.status, 504);
  assert.match(refused.log, /VPC link link-1 has no target \(add it to the `vpcLinks` option/);
});

test('an endpoint slower than timeoutInMillis is aborted: 504', async () => {
  let aborted = false;
  const gateway = await createGateway(definition, {
    fetch: (request) =>
      new Promise((resolve) => {
        request.signal.addEventListener('abort', () => {
          aborted = true;
        });
        setTimeout(() => resolve(new Response('late')), 500);
      }),
  });
  const response = await gateway.fetch(new Request(`${origin}/dev/slow`));
  assert.equal(response.status, 504);
  assert.equal(await response.text(), '{"message": "Endpoint request timed out"}');
  assert.equal(aborted, true, 'the request was aborted');
});
