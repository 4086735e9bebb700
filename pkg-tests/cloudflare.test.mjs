// examples/cloudflare/ as its users run it: `wrangler dev` (local mode,
// offline) serving the Worker that imports `portico/edge`, and
// `wrangler deploy --dry-run` for the bundle's size. Neither may warn about
// a `node:` module in the edge graph.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './bundlers/setup.mjs';

const EXAMPLE = fileURLToPath(new URL('../examples/cloudflare/', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));
// No telemetry, no update check, no fetch of Request.cf's data: the test runs offline.
const ENV = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_COLOR: '1' };

let scratch;
let wrangler;
let origin;
let output = '';

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'portico-wrangler-'));
  const port = await freePort();
  wrangler = spawn(process.execPath, [WRANGLER, 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', join(scratch, 'state')], {
    cwd: EXAMPLE,
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev did not start within 60 s; its output:\n${output}`)), 60000);
    const read = (chunk) => {
      output += chunk;
      if (/Ready on http:\/\/127\.0\.0\.1:\d+/.test(output)) {
        clearTimeout(timer);
        resolve(undefined);
      }
    };
    wrangler.stdout.on('data', read);
    wrangler.stderr.on('data', read);
    wrangler.on('exit', (code) => reject(new Error(`wrangler dev exited (${code}); its output:\n${output}`)));
  });
  await ready;
  origin = `http://127.0.0.1:${port}`;
});

after(async () => {
  wrangler?.kill();
  await rm(scratch, { recursive: true, force: true });
  // wrangler's bundles, beside wrangler.toml
  await rm(join(EXAMPLE, '.wrangler'), { recursive: true, force: true });
});

async function answer(path) {
  const response = await fetch(`${origin}${path}`);
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
  assert.doesNotMatch(output, /node:/);
  assert.doesNotMatch(output, /\bwarn/i);
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
