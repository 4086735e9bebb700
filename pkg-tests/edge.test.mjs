// The edge module in workerd: examples/edge/config.capnp served by the
// `workerd` binary of the npm package, on loopback ports of its choosing,
// with the passthrough origin a local HTTP server started here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { accessSync, constants, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { createGateway } from '../www/portico.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BODY = '{"statusCode":200,"body":"\\"Our first API gateway test was a success!!\\""}';
const SOCKETS = ['http', 'passthrough', 'petstore'];
const START_TIMEOUT_MS = 20_000;
const SETPRIV = '/usr/bin/setpriv';

/** The workerd binary: the npm package's platform binary, found without its postinstall. */
function workerdBinary() {
  let path;
  try {
    path = createRequire(import.meta.url)('workerd').default;
  } catch (error) {
    throw new Error(`the workerd package is not installed (run \`npm install\` in the repository root): ${error.message}`, { cause: error });
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`the workerd binary ${path} is missing or not executable (reinstall: \`npm install\`)`);
  }
  return path;
}

/** What reaches the origin behind the passthrough Worker. */
const originSeen = [];
let origin;
/** Every workerd started here, ended after the tests. */
const children = [];
let ports;

/**
 * Starts workerd on a config (a path from the repository root) with each of
 * `sockets` on a port of its choosing; resolves to `{ ports: { socket name:
 * port }, output() }` once every socket listens (`output()`: what workerd
 * printed so far, stdout and stderr as they came).
 */
function startWorkerd(config, sockets, extraArgs = []) {
  const args = ['serve', config, '--control-fd=3', ...extraArgs];
  for (const socket of sockets) args.push(`--socket-addr=${socket}=127.0.0.1:0`);
  // On Linux, setpriv has the kernel end workerd when this process ends, even killed (no orphans).
  const [command, argv] = existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', 'KILL', workerdBinary(), ...args]] : [workerdBinary(), args];
  const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    const found = {};
    let control = '';
    const timer = setTimeout(() => {
      reject(new Error(`workerd did not listen on ${sockets.join(', ')} within ${START_TIMEOUT_MS} ms; its output:\n${output}`));
    }, START_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`workerd could not start: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`workerd exited (${signal ?? `code ${code}`}) before listening; its output:\n${output}`));
    });
    // The control descriptor gets one JSON line per socket: {"event":"listen","socket":"http","port":41234}.
    child.stdio[3].setEncoding('utf8');
    child.stdio[3].on('data', (chunk) => {
      control += chunk;
      let newline;
      while ((newline = control.indexOf('\n')) >= 0) {
        const line = control.slice(0, newline);
        control = control.slice(newline + 1);
        const message = JSON.parse(line);
        if (message.event === 'listen') found[message.socket] = message.port;
      }
      if (sockets.every((socket) => found[socket])) {
        clearTimeout(timer);
        resolve({ ports: found, output: () => output });
      }
    });
  });
}

before(async () => {
  origin = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      originSeen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(201, { 'x-origin': 'yes', 'Content-Type': 'application/octet-stream' });
      res.end(Buffer.concat([Buffer.from('origin:'), body]));
    });
  });
  origin.listen(0, '127.0.0.1');
  await once(origin, 'listening');
  ({ ports } = await startWorkerd('examples/edge/config.capnp', SOCKETS, [`--external-addr=origin=127.0.0.1:${origin.address().port}`]));
});

after(async () => {
  for (const workerd of children) {
    if (workerd.exitCode !== null || workerd.signalCode !== null) continue;
    workerd.removeAllListeners('exit');
    const exited = once(workerd, 'exit');
    workerd.kill('SIGTERM');
    const timer = setTimeout(() => workerd.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  origin?.close();
});
process.on('exit', () => {
  for (const workerd of children) workerd.kill('SIGKILL');
});

/** One HTTP/1.1 request on a fresh connection; resolves to { status, rawHeaders, headers, body: Buffer }. */
function send(port, path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, rawHeaders: res.rawHeaders, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${method} ${path} within 10 s`)));
    req.end(body);
  });
}

/** The header names as workerd sent them, less `Connection` (the client asks for `close`). */
const names = (response) => response.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() !== 'connection');

test("GET /dev/ answers ML_Model's Lambda result with API Gateway's headers, concurrent cold requests included", async () => {
  const responses = await Promise.all(Array.from({ length: 8 }, () => send(ports.http, '/dev/')));
  const ids = new Set();
  for (const response of responses) {
    assert.equal(response.status, 200);
    assert.equal(response.body.toString('latin1'), BODY);
    assert.equal(response.headers['content-type'], 'application/json');
    assert.equal(response.headers['content-length'], String(BODY.length));
    assert.ok(names(response).includes('x-amzn-RequestId'), `header names: ${names(response)}`);
    assert.match(response.headers['x-amzn-requestid'], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(response.headers['x-amz-apigw-id'], /^[A-Za-z0-9+/]{15}=$/);
    assert.match(response.headers['x-amzn-trace-id'], /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$/);
    assert.deepEqual(
      names(response)
        .map((name) => name.toLowerCase())
        .sort(),
      ['content-length', 'content-type', 'date', 'x-amz-apigw-id', 'x-amzn-requestid', 'x-amzn-trace-id'],
    );
    ids.add(response.headers['x-amzn-requestid']);
  }
  assert.equal(ids.size, responses.length, 'every request has its own id');
});

test('a path the API does not route is 403 Missing Authentication Token; outside the stage, Forbidden', async () => {
  for (const [method, path] of [
    ['GET', '/dev/nope'],
    ['POST', '/dev/'],
    ['GET', '/dev/nope?x=1'],
  ]) {
    const response = await send(ports.http, path, { method, body: method === 'POST' ? 'x' : undefined });
    assert.equal(response.status, 403, `${method} ${path}`);
    assert.equal(response.body.toString('latin1'), '{"message":"Missing Authentication Token"}');
    assert.equal(response.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException');
    assert.ok(names(response).includes('x-amzn-ErrorType'));
    assert.equal(response.headers['content-type'], 'application/json');
    assert.ok(response.headers['x-amzn-requestid']);
  }
  for (const path of ['/', '/prod/', '/favicon.ico']) {
    const response = await send(ports.http, path);
    assert.equal(response.status, 403, path);
    assert.equal(response.body.toString('latin1'), '{"message":"Forbidden"}');
    assert.equal(response.headers['x-amzn-errortype'], 'ForbiddenException');
  }
  assert.equal(originSeen.length, 0, 'the forbidding Worker sends nothing on');
});

test('passthrough: what the API routes is answered, the rest reaches the origin untouched, body included', async () => {
  const matched = await send(ports.passthrough, '/dev/');
  assert.equal(matched.status, 200);
  assert.equal(matched.body.toString('latin1'), BODY);
  assert.ok(matched.headers['x-amzn-requestid']);
  assert.equal(originSeen.length, 0);

  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const host = `127.0.0.1:${ports.passthrough}`;
  const outside = await send(ports.passthrough, '/assets/app.js?v=1&q=a%20b', {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-Custom': 'Abc def', Authorization: 'Bearer t0k3n' },
    body: bytes,
  });
  assert.equal(outside.status, 201);
  assert.equal(outside.headers['x-origin'], 'yes');
  assert.equal(outside.headers['x-amzn-requestid'], undefined);
  assert.deepEqual(outside.body, Buffer.concat([Buffer.from('origin:'), bytes]));
  assert.equal(originSeen.length, 1);
  const seen = originSeen[0];
  assert.equal(seen.method, 'POST');
  assert.equal(seen.url, '/assets/app.js?v=1&q=a%20b');
  assert.deepEqual(seen.body, bytes);
  assert.equal(seen.headers['content-type'], 'application/octet-stream');
  assert.equal(seen.headers['content-length'], '256');
  assert.equal(seen.headers['x-custom'], 'Abc def');
  assert.equal(seen.headers.authorization, 'Bearer t0k3n');
  assert.equal(seen.headers.host, host);

  // In the stage but not routed (no resource, or no such method) goes on too.
  const unrouted = await send(ports.passthrough, '/dev/nope', { method: 'PUT', body: 'put body' });
  assert.equal(unrouted.status, 201);
  assert.equal(unrouted.body.toString('latin1'), 'origin:put body');
  const deleted = await send(ports.passthrough, '/dev/', { method: 'DELETE' });
  assert.equal(deleted.status, 201);
  assert.deepEqual(
    originSeen.slice(1).map(({ method, url, body }) => [method, url, body.toString('latin1')]),
    [
      ['PUT', '/dev/nope', 'put body'],
      ['DELETE', '/dev/', ''],
    ],
  );
});

test('edge.mjs alone serves the PetStore from the PORTICO_API and PORTICO_STAGE bindings', async () => {
  const definition = await readFile(new URL('../examples/petstore/openapi.json', import.meta.url), 'utf8');
  const reference = await createGateway(definition, { stage: 'prod' });
  const expected = await reference.fetch(new Request('http://127.0.0.1/prod/'));
  const expectedBody = Buffer.from(await expected.arrayBuffer());

  const page = await send(ports.petstore, '/prod/');
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-type'], 'text/html');
  assert.deepEqual(page.body, expectedBody);
  assert.match(page.body.toString('utf8'), /<h1>PetStore<\/h1>/);

  const otherStage = await send(ports.petstore, '/dev/');
  assert.equal(otherStage.status, 403);
  assert.equal(otherStage.body.toString('latin1'), '{"message":"Forbidden"}');
});

test("the README's edge worker is examples/edge/worker.mjs, the Worker these tests run", async (t) => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const worker = await readFile(new URL('../examples/edge/worker.mjs', import.meta.url), 'utf8');
  if (!readme.includes('createEdgeHandler')) {
    t.skip('the README has no edge section yet');
    return;
  }
  // `javascript`, not `js`: readme.test.mjs runs ```js blocks in Node, which cannot import a .wasm module.
  assert.ok(readme.includes('```javascript\n' + worker + '```'), 'the README shows examples/edge/worker.mjs verbatim');
});

test("a handler that throws: workerd's output has the report (headline, stack, execution log) without --verbose, and the answer is API Gateway's 502", async () => {
  const failing = await startWorkerd('pkg-tests/fixtures/edge-failure/config.capnp', ['http']);
  const response = await send(failing.ports.http, '/dev/pets/7');

  // The bytes the gateway gives in Node for the same API and the same failure.
  const definition = JSON.parse(await readFile(new URL('./fixtures/edge-failure/openapi.json', import.meta.url), 'utf8'));
  const reference = await createGateway(definition, {
    quiet: true,
    lambdas: {
      getPet: () => {
        throw new TypeError("Cannot read properties of null (reading 'name')");
      },
    },
  });
  const expected = await reference.fetch(new Request('http://127.0.0.1/dev/pets/7'));
  assert.equal(response.status, 502);
  assert.equal(response.status, expected.status);
  assert.deepEqual(response.body, Buffer.from(await expected.arrayBuffer()));
  assert.equal(response.body.toString('latin1'), '{"message": "Internal server error"}');
  assert.equal(response.headers['content-type'], 'application/json');
  assert.equal(response.headers['x-amzn-errortype'], 'InternalServerErrorException');
  assert.deepEqual(
    names(response)
      .map((name) => name.toLowerCase())
      .sort(),
    [...expected.headers.keys()].sort(),
  );

  const headline = 'portico: GET /dev/pets/7 → 502: handler getPet threw';
  const end = Date.now() + 5000;
  while (!failing.output().includes('Method completed with status: 502') && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
  const lines = failing.output().split('\n');
  const at = lines.indexOf(headline);
  assert.ok(at >= 0, `workerd printed:\n${failing.output()}`);
  const source = (await readFile(new URL('./fixtures/edge-failure/worker.mjs', import.meta.url), 'utf8')).split('\n');
  const row = source.findIndex((line) => line.includes('pet.name'));
  const column = source[row].indexOf('pet.name') + 'pet.'.length + 1;
  assert.deepEqual(lines.slice(at, at + 4), [
    headline,
    "TypeError: Cannot read properties of null (reading 'name')",
    `    at getPet (file:///bundle/pkg-tests/fixtures/edge-failure/worker.mjs:${row + 1}:${column})`,
    '  Execution log:',
  ]);
  const log = lines
    .slice(at + 4)
    .filter((line) => line.startsWith('    '))
    .map((line) => line.replace(/^ {4}\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} : /, ''));
  assert.match(log[0], /^Starting execution for request: [0-9a-f-]{36}$/);
  assert.equal(log[1], 'HTTP Method: GET, Resource Path: /pets/{petId}');
  assert.match(
    log.at(-2),
    /^Lambda execution failed with status 200 due to customer function error: Cannot read properties of null \(reading 'name'\)\. Lambda request id: [0-9a-f-]{36}$/,
  );
  assert.equal(log.at(-1), 'Method completed with status: 502');
  // Reported once.
  assert.equal(lines.filter((line) => line === headline).length, 1);
});

test('the failure fixture embeds the same Portico modules as examples/edge/config.capnp', async () => {
  const portico = async (path) => {
    const text = await readFile(new URL(path, import.meta.url), 'utf8');
    return [...text.matchAll(/name = "((?:www|pkg)\/[^"]+)"/g)].map((match) => match[1]);
  };
  const example = await portico('../examples/edge/config.capnp');
  assert.deepEqual(await portico('./fixtures/edge-failure/config.capnp'), example.slice(0, example.indexOf('pkg/portico_bg.wasm') + 1));
});
