// examples/cloudflare/ as its users run it: `wrangler dev` (local mode,
// offline) serving the Worker that imports `portico/edge`, and
// `wrangler deploy --dry-run` for the bundle's size. Neither may warn about
// a `node:` module in the edge graph. A Worker whose handler throws
// (pkg-tests/fixtures/cloudflare-failure/) shows what `wrangler dev` prints
// for a failed request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './bundlers/setup.mjs';

const EXAMPLE = fileURLToPath(new URL('../examples/cloudflare/', import.meta.url));
const FAILING = fileURLToPath(new URL('./fixtures/cloudflare-failure/', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));
// No telemetry, no update check, no fetch of Request.cf's data: the test runs offline.
const ENV = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_COLOR: '1' };

let scratch;
/** The example's wrangler dev: { origin, output() }. */
let example;
/** Every wrangler dev started here, with the folder it runs in. */
const started = [];

/** Starts `wrangler dev` in `dir`; resolves to `{ origin, output() }` once it is ready (`output()`: what it printed so far). */
async function startWrangler(dir) {
  const port = await freePort();
  const child = spawn(process.execPath, [WRANGLER, 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', join(scratch, `state-${port}`)], {
    cwd: dir,
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push({ child, dir });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev did not start within 60 s; its output:\n${output}`)), 60000);
    const read = (chunk) => {
      output += chunk;
      if (/Ready on http:\/\/127\.0\.0\.1:\d+/.test(output)) {
        clearTimeout(timer);
        resolve(undefined);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`wrangler dev exited (${code}); its output:\n${output}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, output: () => output };
}

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'portico-wrangler-'));
  example = await startWrangler(EXAMPLE);
});

after(async () => {
  for (const { child } of started) child.kill();
  await rm(scratch, { recursive: true, force: true });
  // wrangler's bundles, beside wrangler.toml
  for (const { dir } of started) await rm(join(dir, '.wrangler'), { recursive: true, force: true });
});

async function answer(path) {
  const response = await fetch(`${example.origin}${path}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
    requestId: response.headers.get('x-amzn-requestid'),
  };
}

test('wrangler dev serves the example: the Lambda proxy answer, its 404, and API Gateway’s 403 outside the API', async () => {
  const pet = await answer('/dev/pets/7');
  assert.deepEqual(
    { ...pet, requestId: undefined },
    { status: 200, type: 'application/json', body: '{"id":7,"name":"Rex","type":"dog"}', requestId: undefined },
  );
  assert.match(pet.requestId, /^[0-9a-f-]{36}$/);
  const missing = await answer('/dev/pets/8');
  assert.deepEqual([missing.status, missing.type, missing.body], [404, 'application/json', '{"message":"no such pet"}']);
  const outside = await answer('/dev/owners');
  assert.deepEqual([outside.status, outside.type, outside.body], [403, 'application/json', '{"message":"Missing Authentication Token"}']);
});

test('wrangler dev prints no warning about node: modules, nor any other warning', () => {
  assert.doesNotMatch(example.output(), /node:/);
  assert.doesNotMatch(example.output(), /\bwarn/i);
});

test('wrangler deploy --dry-run bundles the Worker with the wasm, well under Workers’ 3 MB (free) compressed limit', async () => {
  const outdir = join(scratch, 'dist');
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', outdir], { cwd: EXAMPLE, env: ENV });
  const printed = stdout + stderr;
  assert.doesNotMatch(printed, /node:/);
  const files = (await readdir(outdir)).sort();
  assert.ok(files.includes('index.js'), files.join(', '));
  const wasm = files.filter((name) => name.endsWith('.wasm'));
  assert.equal(wasm.length, 1, files.join(', '));
  const [, total, gzip] = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(printed) ?? [];
  assert.ok(gzip, printed);
  assert.ok(Number(gzip) < 3 * 1024, `gzip ${gzip} KiB`);
  const wasmSize = (await stat(join(outdir, wasm[0]))).size;
  console.log(`wrangler bundle: ${total} KiB, ${gzip} KiB gzipped (wasm ${wasmSize} B)`);
});

/** wrangler's output without its colours (it colours even into a pipe). */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

test("wrangler dev prints a throwing handler's report (the headline as an [ERROR], the execution log, the Error and its stack); the answer is API Gateway's 502", async () => {
  const failing = await startWrangler(FAILING);
  const response = await fetch(`${failing.origin}/dev/pets/7`);
  assert.equal(response.status, 502);
  assert.equal(await response.text(), '{"message": "Internal server error"}');
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.equal(response.headers.get('x-amzn-errortype'), 'InternalServerErrorException');

  const source = join(FAILING, 'src', 'index.mjs');
  const lines = (await readFile(source, 'utf8')).split('\n');
  const row = lines.findIndex((line) => line.includes('pet.name'));
  const frame = `at getPet (${pathToFileURL(source).href}:${row + 1}:${lines[row].indexOf('pet.name') + 'pet.'.length + 1})`;
  const printed = () =>
    failing
      .output()
      .replace(ANSI, '')
      .split('\n')
      .map((line) => line.trim());
  const end = Date.now() + 10000;
  while (!printed().includes(frame) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
  const shown = printed();
  const headline = shown.indexOf('✘ [ERROR] portico: GET /dev/pets/7 → 502: handler getPet threw');
  assert.ok(headline >= 0, failing.output());
  assert.equal(shown.filter((line) => line.includes('portico: GET /dev/pets/7')).length, 1, 'reported once');
  const stack = shown.indexOf("TypeError: Cannot read properties of null (reading 'name')", headline);
  assert.ok(stack > headline, failing.output());
  assert.equal(shown[stack + 1], frame);
  const log = shown.slice(headline + 1, stack).filter(Boolean);
  assert.equal(log[0], 'Execution log:');
  assert.match(log[1], / : Starting execution for request: [0-9a-f-]{36}$/);
  assert.match(
    log.at(-2),
    / : Lambda execution failed with status 200 due to customer function error: Cannot read properties of null \(reading 'name'\)\. Lambda request id: /,
  );
  assert.match(log.at(-1), / : Method completed with status: 502$/);
});
