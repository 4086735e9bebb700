// Portico from its packed tarball in a real app (pkg-tests/bundlers/app/),
// bundled with no configuration by Vite (the current major, 6.x and 5.x:
// dev server with pre-bundling, and `vite build`), esbuild and webpack 5,
// installed as a tarball and as a linked folder, and run in headless
// Chromium: the app's request is answered through Portico's Service Worker,
// and a gateway in the page answers it too, byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  [apps.tarball, apps.linked] = await Promise.all([installApp(packed.dir, 'app-tarball', packed.tarball), installApp(packed.dir, 'app-linked', '../portico')]);
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
