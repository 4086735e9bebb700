// The bundler tests' fixtures: the packed tarball (one `npm pack` per run),
// the app (app/) installed two ways, a static server for production builds,
// and headless Chromium opening a page until the app reports its answers.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A scratch folder with the packed tarball and the package unpacked beside it (for a linked install). */
export async function packOnce() {
  const dir = await mkdtemp(join(tmpdir(), 'portico-bundlers-'));
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT });
  const tarball = join(dir, stdout.trim().split('\n').pop());
  await mkdir(join(dir, 'unpacked'));
  await run('tar', ['-xzf', tarball, '-C', join(dir, 'unpacked')]);
  await rename(join(dir, 'unpacked', 'package'), join(dir, 'portico'));
  return { dir, tarball, folder: join(dir, 'portico'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A copy of the app in `bundlers/<app>/` (app/, or quickstart/: the README's)
 * in `dir/name` with Portico installed by npm from `spec` (the tarball, or
 * `../portico`: a linked folder), and the Service Worker copied into public/
 * by the installed package's `npx portico init`.
 */
export async function installApp(dir, name, spec, app = 'app') {
  const appDir = join(dir, name);
  await cp(fileURLToPath(new URL(app, import.meta.url)), appDir, { recursive: true });
  await writeFile(join(appDir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  const flags = ['--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
  await run('npm', ['install', ...flags, spec], { cwd: appDir });
  const init = await run('npx', ['--no-install', 'portico', 'init', 'public/'], { cwd: appDir });
  return { appDir, initOutput: init.stdout };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** Serves the first of `dirs` that has the path (a production build, then public/). */
export async function staticServer(dirs) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^([/\\])+/, '');
    const name = path === '' || path.endsWith(sep) ? join(path, 'index.html') : path;
    for (const dir of dirs) {
      const body = await readFile(join(dir, name)).catch(() => null);
      if (body) {
        response.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' });
        response.end(body);
        return;
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Not Found');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Opens `url` in a fresh context and waits for the app's `window.app.result`;
 * returns it, the page and the console (for failure messages).
 */
export async function openApp(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error}`));
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.app?.result, null, { timeout: 30000 });
  } catch (error) {
    await context.close();
    throw new Error(`${url}: the app gave no result (${error.message}); its console: ${JSON.stringify(consoleLines)}`, { cause: error });
  }
  const result = await page.evaluate(() => window.app.result);
  return { result, page, consoleLines, close: () => context.close() };
}
