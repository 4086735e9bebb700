// The harness's conveniences: lifecycle events, Lambda context objects and
// the callback style, delay() and networkError(), Prism-style Prefer on MOCK
// methods with examples, and containment of a panic in the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway, delay, networkError } from '../www/portico.mjs';
import * as testing from '../www/internal/testing.mjs';

const origin = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
const lambdaUri = (name) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;

const definition = {
  openapi: '3.0.1',
  info: { title: 'Harness', version: '1' },
  paths: {
    '/proxy': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('proxy') } } },
    '/custom': {
      post: {
        responses: { 200: { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: lambdaUri('custom'),
          requestTemplates: { 'application/json': '{"who": "$input.path(\'$.name\')"}' },
          responses: { default: { statusCode: '200' } },
        },
      },
    },
    '/pets/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: {
            description: 'ok',
            content: { 'application/json': { examples: { dog: { value: { id: 1, type: 'dog' } }, cat: { value: { id: 2, type: 'cat' } } } } },
          },
          404: { description: 'missing', content: { 'application/json': { example: { message: 'no such pet' } } } },
        },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"id": "$input.params(\'id\')"}' } } },
        },
      },
    },
  },
};

test('lifecycle events follow a request, with the rendered template', async () => {
  const gateway = await createGateway(definition, { lambdas: { custom: async (event) => ({ hello: event.who }) } });
  const seen = [];
  for (const type of ['request:start', 'request:match', 'request:unhandled', 'integration:request', 'response:mocked', 'request:end']) {
    gateway.events.on(type, (payload) => seen.push([type, payload]));
  }
  const response = await gateway.fetch(
    new Request(`${origin}/dev/custom`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Ann"}' }),
  );
  assert.equal(await response.text(), '{"hello":"Ann"}');
  assert.deepEqual(
    seen.map(([type]) => type),
    ['request:start', 'request:match', 'integration:request', 'response:mocked', 'request:end'],
  );
  const ids = new Set(seen.map(([, p]) => p.requestId));
  assert.equal(ids.size, 1, 'one request id throughout');
  assert.deepEqual(seen[1][1].route, { resourceId: seen[1][1].route.resourceId, resourcePath: '/custom', method: 'POST', pathParameters: {} });
  assert.equal(seen[2][1].call.kind, 'lambda');
  assert.equal(seen[2][1].call.functionName, 'custom');
  assert.equal(seen[2][1].call.payload, '{"who": "Ann"}');
  assert.equal(seen[3][1].response.status, 200);
  seen.length = 0;
  await gateway.fetch(new Request(`${origin}/dev/nowhere`));
  assert.deepEqual(
    seen.map(([type]) => type),
    ['request:start', 'request:unhandled', 'response:mocked', 'request:end'],
  );
});

test("the context object is the Node runtime's, with the request id the log names", async () => {
  let context;
  const gateway = await createGateway(definition, {
    lambdas: {
      proxy: async (event, ctx) => {
        context = ctx;
        return { statusCode: 200, body: String(ctx.getRemainingTimeInMillis() > 28_000) };
      },
    },
  });
  const result = await gateway.testInvoke({ method: 'GET', path: '/proxy' });
  assert.equal(result.body, 'true');
  assert.equal(context.functionName, 'proxy');
  assert.equal(context.functionVersion, '$LATEST');
  assert.equal(context.invokedFunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:proxy');
  assert.equal(context.memoryLimitInMB, '128');
  assert.equal(context.logGroupName, '/aws/lambda/proxy');
  assert.match(context.logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  assert.equal(context.callbackWaitsForEmptyEventLoop, true);
  assert.match(context.awsRequestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(result.log.includes(`x-amzn-RequestId=${context.awsRequestId}`), 'the log names the same invocation');
});

test('callback-style handlers, and their errors', async () => {
  const gateway = await createGateway(definition, {
    lambdas: {
      custom: (event, context, callback) => setTimeout(() => callback(null, { via: 'callback', who: event.who }), 5),
      proxy: (event, context, callback) => callback(new Error('broken')),
    },
  });
  const ok = await gateway.fetch(
    new Request(`${origin}/dev/custom`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Bo"}' }),
  );
  assert.equal(await ok.text(), '{"via":"callback","who":"Bo"}');
  const failed = await gateway.fetch(new Request(`${origin}/dev/proxy`));
  assert.equal(failed.status, 502);
  const legacy = await createGateway(definition, {
    lambdas: {
      custom: (event, context) => {
        context.succeed({ legacy: true });
      },
    },
  });
  assert.equal(await (await legacy.fetch(new Request(`${origin}/dev/custom`, { method: 'POST', body: '{}' }))).text(), '{"legacy":true}');
});

test('delay() waits; networkError() fails the request as the network would', async () => {
  const gateway = await createGateway(definition, {
    lambdas: {
      proxy: async () => {
        await delay(30);
        return { statusCode: 200, body: 'late' };
      },
      custom: async () => networkError(),
    },
  });
  const started = performance.now();
  assert.equal(await (await gateway.fetch(new Request(`${origin}/dev/proxy`))).text(), 'late');
  assert.ok(performance.now() - started >= 29);
  await assert.rejects(gateway.fetch(new Request(`${origin}/dev/custom`, { method: 'POST', body: '{}' })), { name: 'TypeError', message: 'Failed to fetch' });
});

test("Prefer picks a MOCK method's example by status and name", async () => {
  const gateway = await createGateway(definition);
  const get = (prefer) => gateway.fetch(new Request(`${origin}/dev/pets/9`, { headers: prefer ? { Prefer: prefer } : {} }));
  assert.equal(await (await get()).text(), '{"id": "9"}', 'without Prefer: the integration');
  const cat = await get('example=cat');
  assert.equal(cat.status, 200);
  assert.equal(await cat.text(), '{"id":2,"type":"cat"}');
  const missing = await get('code=404');
  assert.equal(missing.status, 404);
  assert.equal(await missing.text(), '{"message":"no such pet"}');
  assert.equal(missing.headers.get('content-type'), 'application/json');
  assert.equal(await (await get('code=500')).text(), '{"id": "9"}', 'no such example: the integration');
});

test('a panic in the core is contained: a 500 for that request, a fresh module for the next', async () => {
  const gateway = await createGateway(definition, {
    lambdas: {
      proxy: async () => {
        testing.panicAtNextCall();
        return { statusCode: 200, body: 'never seen' };
      },
    },
  });
  const other = await createGateway(definition);
  other.enableCors('/pets/{id}', { allowOrigin: 'https://app.example' });
  assert.deepEqual(other.route('GET', '/dev/pets/5').pathParameters, { id: '5' });
  const before = testing.generation();
  const errors = [];
  const original = console.error;
  console.error = (...args) => errors.push(args.join(' '));
  let crashed;
  try {
    crashed = await gateway.fetch(new Request(`${origin}/dev/proxy`));
  } finally {
    console.error = original;
  }
  assert.equal(crashed.status, 500);
  assert.equal(await crashed.text(), '{"message": "Internal server error"}');
  assert.equal(crashed.headers.get('x-amzn-errortype'), 'InternalServerErrorException');
  assert.match(errors.join('\n'), /the core panicked/);
  assert.equal(testing.generation(), before + 1);
  const after = await other.fetch(new Request(`${origin}/dev/pets/3`));
  assert.equal(await after.text(), '{"id": "3"}', 'another gateway works on the new instance');
  assert.deepEqual(other.route('GET', '/dev/pets/6').pathParameters, { id: '6' }, 'routing on the new instance');
  const preflight = await other.fetch(new Request(`${origin}/dev/pets/3`, { method: 'OPTIONS' }));
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://app.example', 'Enable CORS replayed with its options');
  const again = await gateway.fetch(new Request(`${origin}/dev/pets/4`));
  assert.equal(await again.text(), '{"id": "4"}', 'and so does this one');
});

test("a Request that lists its Host among its headers (as workerd's do) reaches the function with one Host, the URL's", async () => {
  let seen;
  const gateway = await createGateway(definition, {
    lambdas: {
      proxy: async (event) => {
        seen = event;
        return { statusCode: 200, body: 'ok' };
      },
    },
  });
  const response = await gateway.fetch(
    new Request(`${origin}/dev/proxy`, { headers: { host: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', 'x-one': '1' } }),
  );
  assert.equal(response.status, 200);
  assert.deepEqual(
    Object.keys(seen.headers).filter((name) => name.toLowerCase() === 'host'),
    ['Host'],
  );
  assert.equal(seen.headers.Host, 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com');
  assert.deepEqual(seen.multiValueHeaders.Host, ['a1b2c3d4e5.execute-api.us-east-1.amazonaws.com']);
});
