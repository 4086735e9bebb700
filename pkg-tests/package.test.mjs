// The published package: what `npm pack` puts in it, that the browser and
// edge entry points never reach a Node built-in (bundlers and wrangler
// resolve every import they see), and how the wasm is found when a bundler
// or dev server moved it: each failure names its cause and the setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { promisify } from 'node:util';
import { fetchWasm } from '../www/core/wasm-source.mjs';

const root = new URL('..', import.meta.url);
const WASM = await readFile(new URL('pkg/portico_bg.wasm', root));

test('npm pack ships the entry points, their types, the built wasm and glue, the CLI, the examples and the LICENSE, and nothing else', async () => {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root });
  const files = JSON.parse(stdout)[0]
    .files.map((file) => file.path)
    .sort();
  assert.deepEqual(files, [
    'LICENSE',
    'README.md',
    'bin/init.mjs',
    'bin/portico.mjs',
    'examples/cdk/cdk.out/ApiStack.template.json',
    'examples/cdk/cdk.out/asset.3f1c5e0b8a9d4c2e7f6a1b0d9e8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c/index.js',
    'examples/cdk/cdk.out/manifest.json',
    'examples/cdk/cdk.out/package.json',
    'examples/cdk/cdk.out/tree.json',
    'examples/cloudflare/openapi.json',
    'examples/cloudflare/src/handlers.mjs',
    'examples/cloudflare/src/index.mjs',
    'examples/cloudflare/wrangler.toml',
    'examples/edge/config.capnp',
    'examples/edge/worker.mjs',
    'examples/ml-model/handlers.mjs',
    'examples/ml-model/openapi.json',
    'examples/node-test/pets.test.mjs',
    'examples/petstore/openapi.json',
    'examples/proxy/handlers.mjs',
    'examples/proxy/openapi.yaml',
    'examples/sam-hello/events/event.json',
    'examples/sam-hello/hello-world/app.mjs',
    'examples/sam-hello/hello-world/package.json',
    'examples/sam-hello/template.yaml',
    'package.json',
    'pkg/portico.js',
    'pkg/portico_bg.wasm',
    'www/browser.d.mts',
    'www/browser.mjs',
    'www/browser/handlers.mjs',
    'www/browser/hosts.mjs',
    'www/browser/page-fetch.mjs',
    'www/browser/page-mode.mjs',
    'www/browser/page-requests.mjs',
    'www/browser/page-xhr.mjs',
    'www/browser/protocol.mjs',
    'www/browser/relay.mjs',
    'www/browser/request-log.mjs',
    'www/browser/session.mjs',
    'www/browser/setup-worker.mjs',
    'www/browser/unhandled.mjs',
    'www/browser/worker-registration.mjs',
    'www/core/cors-check.mjs',
    'www/core/events.mjs',
    'www/core/glue.d.mts',
    'www/core/glue.mjs',
    'www/core/handler-check.mjs',
    'www/core/http-hosts.mjs',
    'www/core/lambda.mjs',
    'www/core/report.mjs',
    'www/core/runtime.mjs',
    'www/core/steps.mjs',
    'www/core/suggest.mjs',
    'www/core/wasm-source.mjs',
    'www/edge.d.mts',
    'www/edge.mjs',
    'www/handler-types.d.mts',
    'www/index.html',
    'www/internal/testing.mjs',
    'www/node/log.mjs',
    'www/node/project.mjs',
    'www/node/reload-hook.mjs',
    'www/portico.d.mts',
    'www/portico.mjs',
    'www/server.mjs',
    'www/sw-gateway.d.mts',
    'www/sw-gateway.mjs',
    'www/sw.js',
  ]);
  const license = await readFile(new URL('LICENSE', root), 'utf8');
  assert.match(license, /^\s*Apache License\n\s*Version 2\.0, January 2004\n/);
  assert.match(license, /END OF TERMS AND CONDITIONS/);
});

const IMPORT = /(?:^|[;\s])(?:import|export)\s(?:[^;'"]*?\sfrom\s)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"`]([^'"`]+)['"`]/gm;

/** Every module `entry` reaches (relative imports), with the specifiers it names that are not relative. */
async function graph(entry) {
  const seen = new Map();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    // Comments show usage (`import ... from './www/browser.mjs'`), not imports.
    const text = (await readFile(new URL(file, root), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const outside = [];
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) queue.push(posix.join(posix.dirname(file), specifier.split('?')[0]));
      else outside.push(specifier);
    }
    seen.set(file, outside);
  }
  return seen;
}

const NODE_BUILTINS = new Set(builtinModules);

for (const entry of ['www/browser.mjs', 'www/sw-gateway.mjs', 'www/edge.mjs', 'www/portico.mjs']) {
  test(`${entry} reaches no Node built-in module, statically or by import()`, async () => {
    const modules = await graph(entry);
    assert.ok(modules.has('www/core/runtime.mjs'), 'the graph includes the wasm loader');
    const reached = [...modules].flatMap(([file, specifiers]) =>
      specifiers.filter((name) => name.startsWith('node:') || NODE_BUILTINS.has(name)).map((name) => `${file}: ${name}`),
    );
    assert.deepEqual(reached, []);
    for (const file of modules.keys()) {
      assert.doesNotMatch(await readFile(new URL(file, root), 'utf8'), /import\(\s*['"`]node:/, file);
    }
  });
}

/** A server answering each path with `routes[path]`: `{ status, type, body }`. */
async function serve(t, routes) {
  const server = createServer((request, response) => {
    const route = routes[new URL(request.url, 'http://x').pathname] ?? { status: 404, type: 'text/plain', body: 'Not Found' };
    response.writeHead(route.status, { 'content-type': route.type });
    response.end(route.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  return `http://127.0.0.1:${server.address().port}`;
}

test('the wasm served with a wrong Content-Type still loads (compiled from its bytes, not streamed)', async (t) => {
  const origin = await serve(t, { '/pkg/portico_bg.wasm': { status: 200, type: 'application/octet-stream', body: WASM } });
  const module = await fetchWasm(`${origin}/pkg/portico_bg.wasm`);
  assert.ok(module instanceof WebAssembly.Module);
});

test('a bundle whose wasm was copied beside it: after a 404, the wasm next to the loading module', async (t) => {
  const origin = await serve(t, { '/assets/portico_bg.wasm': { status: 200, type: 'application/wasm', body: WASM } });
  const module = await fetchWasm(`${origin}/pkg/portico_bg.wasm`, `${origin}/assets/app.js`);
  assert.ok(module instanceof WebAssembly.Module);
});

test('HTML for the wasm (Vite pre-bundling) names optimizeDeps.exclude', async (t) => {
  const origin = await serve(t, { '/node_modules/pkg/portico_bg.wasm': { status: 200, type: 'text/html', body: '<!doctype html><html></html>' } });
  const url = `${origin}/node_modules/pkg/portico_bg.wasm`;
  await assert.rejects(fetchWasm(url), {
    message: `Portico: your dev server answered HTML for portico_bg.wasm (${url}): Vite's dependency pre-bundling moved the module away from its wasm; add \`optimizeDeps: { exclude: ['portico'] }\` to vite.config, or pass the wasm's URL, bytes or WebAssembly.Module as the \`wasm\` option.`,
  });
});

test('a 403 for the wasm (a linked install under Vite) names server.fs.allow', async (t) => {
  const origin = await serve(t, { '/@fs/src/portico/pkg/portico_bg.wasm': { status: 403, type: 'text/plain', body: 'Forbidden' } });
  const url = `${origin}/@fs/src/portico/pkg/portico_bg.wasm`;
  await assert.rejects(fetchWasm(url), {
    message: `Portico: your dev server refused portico_bg.wasm (${url}) with 403 Forbidden. With Portico installed from a linked folder (\`npm i ../portico\`), Vite serves only files under its workspace: add the folder to \`server.fs.allow\` in vite.config (e.g. \`server: { fs: { allow: ['..'] } }\`), or install the packed tarball.`,
  });
});

test('a 404 for the wasm (a bundler that did not emit it) says to copy it beside the bundle or pass `wasm`', async (t) => {
  const origin = await serve(t, {});
  const url = `${origin}/pkg/portico_bg.wasm`;
  await assert.rejects(fetchWasm(url), {
    message: `Portico: portico_bg.wasm (${url}) answered 404: your bundler did not emit the wasm beside the code that loads it (esbuild does not follow \`new URL(..., import.meta.url)\`). Copy node_modules/portico/pkg/portico_bg.wasm next to your bundle, or pass the wasm's URL, bytes or WebAssembly.Module as the \`wasm\` option.`,
  });
});

test('something that is neither HTML nor wasm is shown by its first bytes and Content-Type', async (t) => {
  const origin = await serve(t, { '/pkg/portico_bg.wasm': { status: 200, type: 'application/json', body: '{"a":1}' } });
  const url = `${origin}/pkg/portico_bg.wasm`;
  await assert.rejects(fetchWasm(url), {
    message: `Portico: ${url} is not portico_bg.wasm: it starts with 7b 22 61 22 (application/json), not the wasm magic 00 61 73 6d. Serve node_modules/portico/pkg/portico_bg.wasm and pass the wasm's URL, bytes or WebAssembly.Module as the \`wasm\` option.`,
  });
});
