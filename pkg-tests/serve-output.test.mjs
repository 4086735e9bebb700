// What `portico serve` prints, as `sam local start-api` does: the routes at
// start, a line per request (off with --quiet), a failed request's report on
// stderr; --http-base / --http-map sending HTTP integrations to a local
// backend; --version; and what a file that is not an API definition looks like.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root, run, serve, sleep, tempDir, until } from './cli-harness.mjs';

const API = `openapi: 3.0.1
info: { title: Pets, version: '1' }
paths:
  /pets/{petId}:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:getPet/invocations
  /store:
    x-amazon-apigateway-any-method:
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: ANY
        uri: https://petstore.example.com/store
`;
const HANDLERS = `export const getPet = async (event) => {
  if (event.pathParameters.petId === '0') throw new RangeError('no pet 0');
  return { statusCode: 200, body: JSON.stringify({ id: event.pathParameters.petId }) };
};
`;

async function project() {
  const dir = await tempDir('portico-serve-');
  await writeFile(join(dir, 'api.yaml'), API);
  await writeFile(join(dir, 'handlers.mjs'), HANDLERS);
  return dir;
}

test('the route list at start, a line per request with the function, and a thrown error on stderr', async () => {
  const dir = await project();
  const server = await serve(['api.yaml', '--handlers', 'handlers.mjs', '--port', '0', '--stage', 'dev'], { cwd: dir });
  const lines = server.out.stdout.split('\n');
  assert.deepEqual(lines.slice(1, 3), [
    `  Mounting getPet at ${server.origin}/dev/pets/{petId} [GET]`,
    `  Mounting HTTP_PROXY at ${server.origin}/dev/store [ANY]`,
  ]);
  const ok = await fetch(`${server.origin}/dev/pets/7`);
  assert.equal(await ok.text(), '{"id":"7"}');
  const failed = await fetch(`${server.origin}/dev/pets/0`);
  assert.equal(failed.status, 502);
  assert.equal(await failed.text(), '{"message": "Internal server error"}');
  await until('two request lines', () => (server.out.stdout.match(/^GET /gm)?.length ?? 0) === 2);
  assert.match(server.out.stdout, /\nGET \/dev\/pets\/7 → 200 getPet \d+ ms\nGET \/dev\/pets\/0 → 502 getPet \d+ ms\n$/);
  const report = server.out.stderr.split('\n');
  assert.equal(report[0], 'portico: GET /dev/pets/0 → 502: handler getPet threw');
  assert.equal(report[1], 'RangeError: no pet 0');
  assert.match(report[2], /^ {4}at getPet \(file:.*handlers\.mjs:2:\d+\)$/);
  assert.ok(report.includes('  Execution log:'));
  assert.match(server.out.stderr, / : Lambda execution failed with status 200 due to customer function error: no pet 0\. Lambda request id: [0-9a-f-]{36}\n/);
});

test('--quiet prints no request line; --http-map sends an origin to a local backend', async () => {
  const backend = createServer((req, res) => res.end(`backend saw ${req.method} ${req.url}`));
  await new Promise((ok) => backend.listen(0, '127.0.0.1', ok));
  after(() => backend.close());
  const local = `http://127.0.0.1:${backend.address().port}`;
  const dir = await project();
  const server = await serve(['api.yaml', '--handlers', 'handlers.mjs', '--port', '0', '--quiet', '--http-map', `https://petstore.example.com=${local}`], {
    cwd: dir,
  });
  const response = await fetch(`${server.origin}/dev/store?x=1`, { method: 'POST', body: 'hi' });
  assert.equal(await response.text(), 'backend saw POST /store?x=1');
  await sleep(100);
  assert.doesNotMatch(server.out.stdout, /^POST /m);
  assert.equal(server.out.stderr, '');
});

test('--http-base for every origin; an unreachable backend says the URL, the error and the fix', async () => {
  const dir = await project();
  const server = await serve(['api.yaml', '--port', '0', '--http-base', 'http://127.0.0.1:1'], { cwd: dir });
  const response = await fetch(`${server.origin}/dev/store`);
  assert.equal(response.status, 504);
  await until('the report', () => server.out.stderr.includes('\nportico: GET'));
  // The first line is the load-time check: the example's Lambda function has no handler here.
  assert.equal(
    server.out.stderr.split('\n')[1],
    'portico: GET /dev/store → 504: the HTTP integration request to http://127.0.0.1:1/store (mapped from https://petstore.example.com/store) failed: fetch failed (bad port); is the local backend running?',
  );
});

test('--version, and usage errors for the new flags', async () => {
  const pkg = JSON.parse(await (await import('node:fs/promises')).readFile(join(root, 'package.json'), 'utf8'));
  for (const flag of ['--version', '-v']) assert.deepEqual(await run([flag]), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  const base = await run(['serve', 'api.yaml', '--http-base', 'localhost:8080']);
  assert.equal(base.code, 2);
  assert.equal(base.stderr, "portico: --http-base takes an http:// or https:// URL, as in '--http-base http://localhost:8080'; got 'localhost:8080'.\n");
  const map = await run(['serve', 'api.yaml', '--http-map', 'https://a.example']);
  assert.equal(
    map.stderr,
    "portico: --http-map takes origin=URL, as in '--http-map https://petstore.example.com=http://localhost:8080'; got 'https://a.example'.\n",
  );
  const option = await run(['serve', 'api.yaml', '--quite']);
  assert.match(option.stderr, /^portico: unknown option '--quite' for serve; did you mean '--quiet'\?/);
});

test('a file that is not an API definition: what it has instead', async () => {
  const dir = await project();
  await writeFile(join(dir, 'package.json'), '{"name": "app", "version": "1.0.0", "scripts": {}}');
  await writeFile(join(dir, 'notes.md'), '# My API\n\nIt serves: pets.\n');
  const json = await run(['serve', 'package.json', '--port', '0'], { cwd: dir });
  assert.equal(json.code, 1);
  assert.equal(
    json.stderr,
    'portico: package.json: invalid definition at the document root: the definition has neither `openapi` nor `swagger`; expected an OpenAPI 3.0 or Swagger 2.0 document (the file\'s top-level keys are name, version, scripts; an API definition starts with `openapi: 3.0.1` or `swagger: "2.0"` and has `paths`)\n',
  );
  const notes = await run(['serve', 'notes.md', '--port', '0'], { cwd: dir });
  assert.equal(notes.code, 1);
  assert.match(notes.stderr, /\(the file starts with "# My API": it is not a JSON or YAML object, as an OpenAPI or Swagger definition is\)\n$/);
});
