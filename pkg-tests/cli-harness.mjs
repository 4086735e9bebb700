// What the command-line tests share: `portico serve` as a child process
// (stopped when the test file ends), temporary project folders, one-shot
// `portico ...` runs, polling, and requests read as raw bytes.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const cli = join(root, 'bin', 'portico.mjs');
const children = new Set();
const dirs = [];

after(async () => {
  await Promise.all([...children].map(stop));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** A fresh folder, removed when the test file ends. */
export async function tempDir(prefix = 'portico-cli-') {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/**
 * Starts `portico serve ...`; resolves once it has printed its URLs and what
 * it watches, with `{ api, origin, child, out: { stdout, stderr }, exited }`.
 */
export function serve(args, { cwd = root } = {}) {
  const child = spawn(process.execPath, [cli, 'serve', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => {
    out.stdout += d;
  });
  child.stderr.on('data', (d) => {
    out.stderr += d;
  });
  const exited = new Promise((done) =>
    child.once('exit', (code) => {
      children.delete(child);
      done(code);
    }),
  );
  const ready = (async () => {
    const started = Date.now();
    for (;;) {
      const api = /API: +(http:\/\/[^\s]+\/)/.exec(out.stdout)?.[1];
      if (api && out.stdout.includes('(Ctrl-C stops)\n')) return api;
      if (child.exitCode !== null) throw new Error(`portico serve exited ${child.exitCode}: ${out.stderr}`);
      if (Date.now() - started > 8000) throw new Error(`portico serve did not start: ${out.stdout}${out.stderr}`);
      await sleep(20);
    }
  })();
  return ready.then((api) => ({ api, origin: new URL(api).origin, child, out, exited }));
}

/** SIGTERM, then SIGKILL if the process is still there after 3 s. */
export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await gone;
  clearTimeout(timer);
}

/** `portico ...` to its end: `{ code, stdout, stderr }`. */
export function run(args, { cwd = root } = {}) {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: 10000 }, (error, stdout, stderr) => {
      done({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** Polls `probe` until it returns a truthy value; fails after `timeoutMs`. */
export async function until(what, probe, timeoutMs = 5000) {
  const started = Date.now();
  for (;;) {
    const last = await probe();
    if (last) return last;
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/**
 * A request as raw bytes: `{ status, rawHeaders, names, header(name), body,
 * text }`, `names` being the header names as sent.
 */
export function get(url, { method = 'GET' } = {}) {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { method, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        done({
          status: res.statusCode,
          rawHeaders: res.rawHeaders,
          names: res.rawHeaders.filter((_, i) => i % 2 === 0),
          header: (name) => res.headers[name.toLowerCase()],
          body,
          text: body.toString('utf8'),
        });
      });
    });
    req.on('error', fail);
    req.end();
  });
}
