// Portico from its packed tarball in a real app (pkg-tests/bundlers/app/),
// bundled with no configuration by Vite (the current major, 6.x and 5.x:
// dev server with pre-bundling, and `vite build`), esbuild and webpack 5,
// installed as a tarball and as a linked folder, and run in headless
// Chromium: the app's request is answered through Portico's Service Worker,
// and a gateway in the page answers it too, byte for byte. The README's quick
// start (quickstart/) is a Vite app of its own: mocked under the dev server,
// and with no Portico in its production build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';
import webpack from 'webpack';
import { BROWSER_ARGS, CHROMIUM, freePort, installApp, openApp, packOnce, staticServer } from './bundlers/setup.mjs';

const VITES = { vite: await import('vite'), vite6: await import('vite6'), vite5: await import('vite5') };
const HELLO = { status: 200, type: 'text/plain', body: 'hello from the bundle' };
const ANSWERED = { viaWorker: HELLO, direct: HELLO, mode: 'relay' };

let browser;
let packed;
const apps = {};

before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup.sh (make test does), or apt-get install -y chromium`);
  packed = await packOnce();
  [apps.tarball, apps.linked, apps.quickstart] = await Promise.all([
    installApp(packed.dir, 'app-tarball', packed.tarball),
    installApp(packed.dir, 'app-linked', '../portico'),
    installApp(packed.dir, 'quickstart', packed.tarball, 'quickstart'),
  ]);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
});

after(async () => {
  await browser?.close();
  await packed?.remove();
});

/** Opens the app at `origin`, checks its answers, and closes it. */
async function assertAnswers(origin) {
  const opened = await openApp(browser, `${origin}/`);
  try {
    assert.deepEqual(opened.result, ANSWERED, `console: ${JSON.stringify(opened.consoleLines)}`);
  } finally {
    await opened.close();
  }
}

test('npx portico init, run from the installed tarball, copies the package’s sw.js into public/', async () => {
  const { appDir, initOutput } = apps.tarball;
  assert.match(initOutput, /^Created public\/\. Copied Portico's Service Worker \(relay protocol 2\):\n {2}public\/sw\.js\n/);
  assert.deepEqual(await readFile(join(appDir, 'public', 'sw.js')), await readFile(new URL('../www/sw.js', import.meta.url)));
});

test('Vite HMR: an edited handlers.js answers the next request, without a reload (the snippet in app/src/index.js)', async () => {
  const { appDir } = apps.tarball;
  const handlers = join(appDir, 'src', 'handlers.js');
  const original = await readFile(handlers, 'utf8');
  const port = await freePort();
  const server = await VITES.vite.createServer({ root: appDir, configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port, strictPort: true } });
  await server.listen();
  const opened = await openApp(browser, `http://127.0.0.1:${port}/`);
  try {
    assert.deepEqual(opened.result, ANSWERED, `console: ${JSON.stringify(opened.consoleLines)}`);
    await opened.page.evaluate(() => (window.notReloaded = true));
    await writeFile(handlers, original.replace("'hello from the bundle'", "'hello after the edit'"));
    // Asked from here until the edit is served: Vite's update arrives on its own time.
    let answered;
    for (const deadline = Date.now() + 15000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      answered = await opened.page.evaluate(() => window.app.ask());
      if (answered.body === 'hello after the edit') break;
    }
    assert.deepEqual(answered, { status: 200, type: 'text/plain', body: 'hello after the edit' });
    assert.equal(await opened.page.evaluate(() => window.notReloaded), true);
  } finally {
    await writeFile(handlers, original);
    await opened.close();
    await server.close();
  }
});

for (const install of ['tarball', 'linked']) {
  for (const [name, vite] of Object.entries(VITES)) {
    test(`${name} ${vite.version} dev server (${install} install)`, async () => {
      const { appDir } = apps[install];
      const port = await freePort();
      const server = await vite.createServer({ root: appDir, configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port, strictPort: true } });
      await server.listen();
      try {
        await assertAnswers(`http://127.0.0.1:${port}`);
      } finally {
        await server.close();
      }
    });

    test(`${name} ${vite.version} build (${install} install)`, async () => {
      const { appDir } = apps[install];
      const outDir = join(appDir, `dist-${name}`);
      await vite.build({ root: appDir, configFile: false, logLevel: 'silent', build: { outDir } });
      const server = await staticServer([outDir]);
      try {
        await assertAnswers(server.origin);
      } finally {
        await server.close();
      }
    });
  }

  test(`esbuild ${esbuild.version} (${install} install)`, async () => {
    const { appDir } = apps[install];
    const outdir = join(appDir, 'dist-esbuild');
    await esbuild.build({ absWorkingDir: appDir, entryPoints: ['src/index.js'], bundle: true, format: 'esm', outdir, logLevel: 'silent' });
    await writeFile(join(outdir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/index.js"></script>');
    // The one step esbuild needs: it does not follow new URL(..., import.meta.url), so the wasm goes beside the bundle.
    await copyFile(join(appDir, 'node_modules/portico/pkg/portico_bg.wasm'), join(outdir, 'portico_bg.wasm'));
    const server = await staticServer([outdir, join(appDir, 'public')]);
    try {
      await assertAnswers(server.origin);
    } finally {
      await server.close();
    }
  });

  test(`esbuild without the wasm copied beside the bundle: the app's error names that step (${install} install)`, async () => {
    const { appDir } = apps[install];
    const outdir = join(appDir, 'dist-esbuild-bare');
    await esbuild.build({ absWorkingDir: appDir, entryPoints: ['src/index.js'], bundle: true, format: 'esm', outdir, logLevel: 'silent' });
    await writeFile(join(outdir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/index.js"></script>');
    const server = await staticServer([outdir, join(appDir, 'public')]);
    const opened = await openApp(browser, `${server.origin}/`);
    try {
      assert.deepEqual(opened.result, {
        error: `Portico: portico_bg.wasm (${server.origin}/pkg/portico_bg.wasm) answered 404: your bundler did not emit the wasm beside the code that loads it (esbuild does not follow \`new URL(..., import.meta.url)\`). Copy node_modules/portico/pkg/portico_bg.wasm next to your bundle, or pass the wasm's URL, bytes or WebAssembly.Module as the \`wasm\` option.`,
      });
    } finally {
      await opened.close();
      await server.close();
    }
  });

  test(`webpack ${webpack.version} (${install} install)`, async () => {
    const { appDir } = apps[install];
    const outputPath = join(appDir, 'dist-webpack');
    // What `npx webpack` does in the app's folder with no webpack.config.js: ./src/index.js to ./dist/main.js, production mode.
    const stats = await new Promise((resolve, reject) =>
      webpack({ context: appDir, mode: 'production', output: { path: outputPath } }, (error, result) => (error ? reject(error) : resolve(result))),
    );
    assert.equal(stats.hasErrors(), false, stats.toString('errors-only'));
    await writeFile(join(outputPath, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="/main.js"></script>');
    const server = await staticServer([outputPath, join(appDir, 'public')]);
    try {
      await assertAnswers(server.origin);
    } finally {
      await server.close();
    }
  });
}

const PET = '{"id":7,"name":"Rex","type":"dog"}';
const FROM_THE_NETWORK = '{"id":7,"name":"Rex","type":"dog","from":"the network"}';

/**
 * Opens the quick start at `origin`, with the network's execute-api answered
 * by FROM_THE_NETWORK (as the real API would, offline), and returns what the
 * page shows, whether the Service Worker answered, and how many requests
 * reached the network.
 */
async function openQuickstart(origin) {
  const context = await browser.newContext();
  let networkRequests = 0;
  await context.route('https://abc123.execute-api.us-east-1.amazonaws.com/**', (route) => {
    networkRequests += 1;
    return route.fulfill({ status: 200, contentType: 'application/json', body: FROM_THE_NETWORK });
  });
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error}`));
  const petResponse = page.waitForResponse((response) => response.url().endsWith('/dev/pets/7'));
  try {
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.querySelector('#pet')?.textContent !== 'loading', null, { timeout: 30000 });
    return {
      shown: await page.locator('#pet').textContent(),
      fromServiceWorker: (await petResponse).fromServiceWorker(),
      networkRequests,
      registrations: await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
      consoleLines,
    };
  } finally {
    await context.close();
  }
}

test('README quick start: under the Vite dev server, the page’s fetch is answered by Portico’s Service Worker', async () => {
  const { appDir } = apps.quickstart;
  const port = await freePort();
  const server = await VITES.vite.createServer({ root: appDir, configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port, strictPort: true } });
  await server.listen();
  try {
    const { consoleLines, ...seen } = await openQuickstart(`http://127.0.0.1:${port}`);
    assert.deepEqual(seen, { shown: PET, fromServiceWorker: true, networkRequests: 0, registrations: 1 }, `console: ${JSON.stringify(consoleLines)}`);
  } finally {
    await server.close();
  }
});

test('README quick start: `vite build` leaves Portico out (no wasm, no Portico chunk), and the request goes to the network', async () => {
  const { appDir } = apps.quickstart;
  const outDir = join(appDir, 'dist');
  // `npx vite build`, in a process of its own: a dev server earlier in this one leaves NODE_ENV=development,
  // which would make the build a development build (import.meta.env.DEV true).
  const env = { ...process.env };
  delete env.NODE_ENV;
  await promisify(execFile)(process.execPath, [fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url)), 'build', '--logLevel', 'silent'], {
    cwd: appDir,
    env,
  });
  const files = (await readdir(outDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(outDir.length + 1)
        .replaceAll('\\', '/'),
    )
    .sort();
  // The app's one chunk and its page, and public/sw.js, which Vite copies as is (never registered: see below).
  assert.deepEqual(
    files.map((file) => file.replace(/-[\w-]{8}\.js$/, '-[hash].js')),
    ['assets/index-[hash].js', 'index.html', 'sw.js'],
  );
  assert.equal(files.filter((file) => extname(file) === '.wasm').length, 0);
  const chunk = await readFile(join(outDir, files[0]), 'utf8');
  assert.doesNotMatch(chunk, /portico|setupWorker|WebAssembly/i);
  assert.deepEqual(await readFile(join(outDir, 'sw.js')), await readFile(join(appDir, 'public', 'sw.js')));
  const server = await staticServer([outDir]);
  try {
    const { consoleLines, ...seen } = await openQuickstart(server.origin);
    assert.deepEqual(
      seen,
      { shown: FROM_THE_NETWORK, fromServiceWorker: false, networkRequests: 1, registrations: 0 },
      `console: ${JSON.stringify(consoleLines)}`,
    );
  } finally {
    await server.close();
  }
});
