// Loud failures: a request that fails behind the gateway is reported (what
// went wrong, the stack, the execution log) while its response stays
// exactly what API Gateway sends; `onError` redirects the report and
// `quiet` silences it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createGateway } from '../www/portico.mjs';

const lambdaUri = (name) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;
const proxy = (name, extra = {}) => ({ get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri(name), ...extra } } });

const definition = {
  openapi: '3.0.1',
  info: { title: 'Loud', version: '1' },
  paths: {
    '/pets/{petId}': proxy('getPet'),
    '/malformed': proxy('malformed'),
    '/missing': proxy('getPett'),
    '/slow': proxy('slow', { timeoutInMillis: 50 }),
    '/fine500': proxy('fine500'),
    '/backend': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: 'https://petstore.example.com/pets' } } },
  },
};

const lambdas = {
  getPet: () => {
    throw new TypeError('pet.name is undefined');
  },
  malformed: () => ({ statusCode: 200, body: { id: 7 } }),
  slow: () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200 }), 500)),
  fine500: () => ({ statusCode: 500, body: 'the function says so' }),
};

const at = { timeEpochMs: 1700000000000, seed: 7 };
const stamp = 'Tue Nov 14 22:13:20 UTC 2023 : ';

async function failing(path, options = {}) {
  const reports = [];
  const gateway = await createGateway(definition, { lambdas, onError: (failure) => reports.push(failure), ...options });
  const response = await gateway.handle({ method: 'GET', path, ...at });
  return { response, reports };
}

test('a handler that throws: the headline, its Error and the execution log; the response is untouched', async () => {
  const { response, reports } = await failing('/dev/pets/7');
  const quiet = await (await createGateway(definition, { lambdas, quiet: true })).handle({ method: 'GET', path: '/dev/pets/7', ...at });
  assert.deepEqual(response, quiet);
  assert.equal(response.status, 502);
  assert.equal(new TextDecoder().decode(response.body), '{"message": "Internal server error"}');
  assert.equal(reports.length, 1);
  const [failure] = reports;
  assert.equal(failure.headline, 'GET /dev/pets/7 → 502: handler getPet threw');
  assert.equal(failure.status, 502);
  assert.ok(failure.error instanceof TypeError);
  assert.equal(failure.log[0], `${stamp}Starting execution for request: 63cbe1e4-5932-4dd7-844c-3cd7f43c661c`);
  assert.equal(
    failure.log.at(-2),
    `${stamp}Lambda execution failed with status 200 due to customer function error: pet.name is undefined. Lambda request id: 410e071c-9c52-418a-a2cd-ffff14de021e`,
  );
  assert.equal(failure.log.at(-1), `${stamp}Method completed with status: 502`);
  const text = failure.text.split('\n');
  assert.equal(text[0], 'portico: GET /dev/pets/7 → 502: handler getPet threw');
  assert.equal(text[1], 'TypeError: pet.name is undefined');
  assert.match(text[2], /^ {4}at getPet \(.*loud\.test\.mjs:\d+:\d+\)$/);
  assert.ok(text.includes('  Execution log:'));
  assert.equal(text.at(-1), `    ${stamp}Method completed with status: 502`);
});

test('a malformed proxy result says what is wrong with it', async () => {
  const { response, reports } = await failing('/dev/malformed');
  assert.equal(response.status, 502);
  assert.equal(
    reports[0].headline,
    'GET /dev/malformed → 502: function malformed: Malformed Lambda proxy response: `body` is an object, not a string (JSON.stringify it)',
  );
  assert.deepEqual(reports[0].log.slice(-3), [
    `${stamp}Execution failed due to configuration error: Malformed Lambda proxy response`,
    `${stamp}Portico: Malformed Lambda proxy response: \`body\` is an object, not a string (JSON.stringify it)`,
    `${stamp}Method completed with status: 502`,
  ]);
});

test("the console test's log stays AWS's own: no Portico line in it", async () => {
  const gateway = await createGateway(definition, { lambdas, onError: () => assert.fail('testInvoke reports nothing') });
  const result = await gateway.testInvoke({ method: 'GET', path: '/malformed', ...at });
  assert.equal(result.status, 502);
  assert.doesNotMatch(result.log, /Portico:/);
  assert.match(result.log, /Execution failed due to configuration error: Malformed Lambda proxy response\n/);
});

test('a missing function names the handlers there are, and the closest one', async () => {
  const { response, reports } = await failing('/dev/missing');
  assert.equal(response.status, 500);
  assert.equal(
    reports[0].headline,
    'GET /dev/missing → 500: no handler for function getPett (the handlers are getPet, malformed, slow, fine500; did you mean getPet?)',
  );
});

test('the load-time check and the failed request guess the same handler, a name that differs only in case included', async () => {
  const cased = { ...definition, paths: { '/case': proxy('FINE500') } };
  const warnings = [];
  const reports = [];
  const warn = console.warn;
  console.warn = (message) => warnings.push(message);
  let gateway;
  try {
    gateway = await createGateway(cased, { lambdas, onError: (failure) => reports.push(failure) });
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, [
    'Portico: no handler for the Lambda function "FINE500", which the API invokes at /paths/~1case/get/x-amazon-apigateway-integration/uri: the `lambdas` option has "getPet", "malformed", "slow", "fine500"; did you mean "fine500"?',
  ]);
  const response = await gateway.handle({ method: 'GET', path: '/dev/case', ...at });
  assert.equal(response.status, 500);
  assert.equal(
    reports[0].headline,
    'GET /dev/case → 500: no handler for function FINE500 (the handlers are getPet, malformed, slow, fine500; did you mean fine500?)',
  );
});

test('a timeout names the function and the limit', async () => {
  const { response, reports } = await failing('/dev/slow');
  assert.equal(response.status, 504);
  assert.equal(reports[0].headline, 'GET /dev/slow → 504: function slow did not answer within the integration timeout, 50 ms');
  assert.equal(reports[0].log.at(-2), `${stamp}Execution failed due to a timeout error`);
});

test('an HTTP integration that cannot connect names the URL, the error and the flag that fixes it', async () => {
  const fetch = async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND petstore.example.com'), { code: 'ENOTFOUND' }) });
  };
  const { response, reports } = await failing('/dev/backend', { fetch });
  assert.equal(response.status, 504);
  assert.equal(
    reports[0].headline,
    'GET /dev/backend → 504: the HTTP integration request to https://petstore.example.com/pets failed: fetch failed (ENOTFOUND); to send it to a local backend, use --http-base http://localhost:PORT (or the httpHosts option)',
  );
});

test('httpHosts sends an endpoint to a local backend, by origin or for every origin', async () => {
  const seen = [];
  const fetch = async (request) => {
    seen.push(request.url);
    return new Response('[]', { headers: { 'Content-Type': 'application/json' } });
  };
  for (const httpHosts of [{ 'https://petstore.example.com': 'http://localhost:8080' }, { '*': 'http://localhost:8080/api/' }]) {
    const gateway = await createGateway(definition, { fetch, httpHosts });
    const response = await gateway.handle({ method: 'GET', path: '/dev/backend', query: 'a=1' });
    assert.equal(response.status, 200);
  }
  assert.deepEqual(seen, ['http://localhost:8080/pets?a=1', 'http://localhost:8080/api/pets?a=1']);
});

test("a function's own 500 and a client error are responses, not failures", async () => {
  assert.deepEqual((await failing('/dev/fine500')).reports, []);
  assert.deepEqual((await failing('/dev/nowhere')).reports, []);
});

test('by default the report goes to stderr, as one block', async () => {
  const printed = [];
  const original = console.error;
  console.error = (...args) => printed.push(args.join(' '));
  try {
    const gateway = await createGateway(definition, { lambdas });
    await gateway.fetch(new Request('https://api.example/dev/malformed'));
  } finally {
    console.error = original;
  }
  assert.equal(printed.length, 1);
  assert.match(printed[0], /^portico: GET \/dev\/malformed → 502: function malformed: Malformed Lambda proxy response: `body` is an object/);
  assert.match(printed[0], /\n {2}Execution log:\n {4}\w{3} \w{3} \d+ [\d:]+ UTC \d{4} : Starting execution for request: /);
});

test('the test-runner setup in docs/troubleshooting.md is examples/node-test/pets.test.mjs, and passes under node --test', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const doc = await readFile(new URL('../docs/troubleshooting.md', import.meta.url), 'utf8');
  const example = await readFile(new URL('../examples/node-test/pets.test.mjs', import.meta.url), 'utf8');
  assert.equal(/runs with `node --test`:\n\n```text\n([^]*?)```/.exec(doc)?.[1], example);
  const { stdout } = await promisify(execFile)(process.execPath, ['--test', '--test-reporter=tap', 'examples/node-test/'], {
    cwd: root,
    // A test run inside a test run reports to its parent unless told it is on its own.
    env: { ...process.env, NODE_TEST_CONTEXT: undefined },
  });
  assert.match(stdout, /^# pass 1$/m);
  assert.match(stdout, /^# fail 0$/m);
});

test('the log of a failed request comes from replaying its recorded results: no handler runs twice', async () => {
  let calls = 0;
  const reports = [];
  const gateway = await createGateway(definition, {
    lambdas: {
      malformed: () => {
        calls += 1;
        return { statusCode: 200, body: { id: calls } };
      },
    },
    onError: (failure) => reports.push(failure),
  });
  await gateway.handle({ method: 'GET', path: '/dev/malformed', ...at });
  assert.equal(calls, 1);
  assert.equal(
    reports[0].log.find((line) => line.includes('Endpoint response body before transformations')),
    `${stamp}Endpoint response body before transformations: {"statusCode":200,"body":{"id":1}}`,
  );
});
