// The walkthrough API through the built package: www/portico.mjs + wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createGateway } from '../www/portico.mjs';
import * as handlers from '../examples/ml-model/handlers.mjs';

const definition = await readFile(new URL('../examples/ml-model/openapi.json', import.meta.url), 'utf8');
const BODY = '{"statusCode":200,"body":"\\"Our first API gateway test was a success!!\\""}';
const HOST = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

test('GET /dev/ returns the Lambda result exactly as AWS does', async () => {
  const gateway = await createGateway(definition, { lambdas: { ...handlers } });
  const response = await gateway.fetch(new Request(`${HOST}/dev/`));
  assert.equal(response.status, 200);
  assert.equal(await response.text(), BODY);
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.equal(response.headers.get('content-length'), String(BODY.length));
  assert.match(response.headers.get('x-amzn-requestid'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(response.headers.get('x-amz-apigw-id'), /^[A-Za-z0-9+/]{15}=$/);
  assert.match(response.headers.get('x-amzn-trace-id'), /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$/);
  assert.match(response.headers.get('date'), /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  assert.deepEqual([...response.headers.keys()], ['content-length', 'content-type', 'date', 'x-amz-apigw-id', 'x-amzn-requestid', 'x-amzn-trace-id']);
});

test('every request gets fresh ids (the host randomness, drawn in batches)', async () => {
  const gateway = await createGateway(definition, { lambdas: { ...handlers } });
  const ids = new Set();
  for (let i = 0; i < 3000; i++) {
    const response = await gateway.fetch(new Request(`${HOST}/dev/`));
    ids.add(`${response.headers.get('x-amzn-requestid')} ${response.headers.get('x-amz-apigw-id')} ${response.headers.get('x-amzn-trace-id')}`);
  }
  assert.equal(ids.size, 3000);
});

test('the handler receives {} and an AWS-shaped context', async () => {
  let seen;
  const gateway = await createGateway(definition, {
    lambdas: {
      API_test: (event, context) => {
        seen = { event, name: context.functionName, arn: context.invokedFunctionArn, remaining: context.getRemainingTimeInMillis() };
        return 'ok';
      },
    },
  });
  const response = await gateway.fetch(new Request(`${HOST}/dev/`));
  assert.equal(await response.text(), '"ok"');
  assert.deepEqual(seen.event, {});
  assert.equal(seen.name, 'API_test');
  assert.equal(seen.arn, 'arn:aws:lambda:us-east-1:123456789012:function:API_test');
  assert.ok(seen.remaining > 28_000 && seen.remaining <= 29_000);
});

test('unknown paths and methods are 403 Missing Authentication Token', async () => {
  const gateway = await createGateway(definition, { lambdas: { ...handlers } });
  for (const [method, path] of [
    ['GET', '/dev/nope'],
    ['POST', '/dev/'],
    ['DELETE', '/dev/'],
  ]) {
    const response = await gateway.fetch(new Request(`${HOST}${path}`, { method }));
    assert.equal(response.status, 403, `${method} ${path}`);
    assert.equal(await response.text(), '{"message":"Missing Authentication Token"}');
    assert.equal(response.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.equal(response.headers.get('content-type'), 'application/json');
  }
});

test('a path outside the stage is 403 Forbidden', async () => {
  const gateway = await createGateway(definition, { lambdas: { ...handlers } });
  for (const path of ['/prod/', '/', '/development']) {
    const response = await gateway.fetch(new Request(`${HOST}${path}`));
    assert.equal(response.status, 403, path);
    assert.equal(await response.text(), '{"message":"Forbidden"}');
    assert.equal(response.headers.get('x-amzn-errortype'), 'ForbiddenException');
  }
});

test('a handler that throws gives the Lambda error document, not a crash', async () => {
  const gateway = await createGateway(definition, {
    lambdas: {
      API_test: async () => {
        throw new TypeError('boom');
      },
    },
  });
  const response = await gateway.fetch(new Request(`${HOST}/dev/`));
  assert.equal(response.status, 200);
  const body = JSON.parse(await response.text());
  assert.deepEqual(Object.keys(body), ['errorType', 'errorMessage', 'trace']);
  assert.equal(body.errorType, 'TypeError');
  assert.equal(body.errorMessage, 'boom');
  assert.equal(body.trace[0], 'TypeError: boom');
});

test('a missing handler is 500 Internal server error', async () => {
  const gateway = await createGateway(definition, { lambdas: {} });
  const response = await gateway.fetch(new Request(`${HOST}/dev/`));
  assert.equal(response.status, 500);
  assert.equal(await response.text(), '{"message": "Internal server error"}');
});

test('a malformed definition rejects createGateway with the JSON pointer', async () => {
  const bad = { openapi: '3.0.1', info: { title: 'T' }, paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'lambda' } } } } };
  await assert.rejects(createGateway(bad), {
    message:
      'invalid definition at /paths/~1a/get/x-amazon-apigateway-integration/type: unknown integration type `lambda`; use one of aws, aws_proxy, http, http_proxy, mock',
  });
  await assert.rejects(createGateway('{"openapi": '), { message: /^syntax error: the definition is not valid JSON: .* \(line 1, column 12\)$/ });
});

test('testInvoke returns status, body and the execution log', async () => {
  const gateway = await createGateway(definition, { lambdas: { ...handlers } });
  const result = await gateway.testInvoke({ method: 'GET', path: '/' });
  assert.equal(result.status, 200);
  assert.equal(result.body, BODY);
  assert.equal(result.headers['Content-Type'], 'application/json');
  assert.deepEqual(result.multiValueHeaders['Content-Type'], ['application/json']);
  assert.match(result.log, /^Execution log for request [0-9a-f-]{36}\n/);
  assert.match(result.log, / : Method completed with status: 200\n$/);
  assert.equal(typeof result.latencyMs, 'number');
});
