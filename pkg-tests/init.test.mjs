// `portico init <publicDir>` (bin/init.mjs): copies the Service Worker, and
// with --with-runtime the browser modules and the wasm, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import { init, command } from '../bin/init.mjs';

const root = new URL('..', import.meta.url);
const bytes = (path) => readFile(new URL(path, root));

async function tempDir(t) {
  const dir = await mkdtemp(join(tmpdir(), 'portico-init-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('init copies sw.js into the public directory, byte-identical, and prints the setupWorker snippet', async (t) => {
  const dir = await tempDir(t);
  const printed = [];
  const result = await init([join(dir, 'public')], { log: (text) => printed.push(text) });
  assert.deepEqual(result.copied, [join(dir, 'public', 'sw.js')]);
  assert.deepEqual(await readFile(join(dir, 'public', 'sw.js')), await bytes('www/sw.js'));
  const text = printed.join('\n');
  assert.match(text, /Created .*public\/\. Copied Portico's Service Worker/);
  assert.match(text, /public\/sw\.js/);
  assert.match(text, /const worker = setupWorker\(definition, \{ lambdas \}\);\n {2}await worker\.start\(\);/);
});

test('init run again replaces an out-of-date worker', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'sw.js'), '/* an old worker */');
  await init({ positionals: [dir], values: {} }, { log: () => {} });
  assert.deepEqual(await readFile(join(dir, 'sw.js')), await bytes('www/sw.js'));
});

test('init --with-runtime also copies the browser modules, everything they import, and the wasm under portico/', async (t) => {
  const dir = await tempDir(t);
  const { copied } = await init([dir, '--with-runtime'], { log: () => {} });
  assert.equal(copied[0], join(dir, 'sw.js'));
  const files = copied.slice(1).map((path) => relative(join(dir, 'portico'), path).split(sep).join('/'));
  for (const entry of ['www/browser.mjs', 'www/sw-gateway.mjs', 'www/portico.mjs', 'www/sw.js', 'pkg/portico.js', 'pkg/portico_bg.wasm']) {
    assert.ok(files.includes(entry), entry);
  }
  for (const file of files) {
    assert.deepEqual(await readFile(join(dir, 'portico', file)), await bytes(file), file);
    if (!/\.m?js$/.test(file)) continue;
    // Whatever a copied module imports was copied too.
    const text = await readFile(join(dir, 'portico', file), 'utf8');
    for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\s(?:[^;'"]*?\sfrom\s)?['"](\.{1,2}\/[^'"?]+)/gm)) {
      const target = posix.join(posix.dirname(file), specifier);
      assert.ok(files.includes(target), `${file} imports ${target}`);
    }
  }
});

test('init without a directory says what it needs', async () => {
  await assert.rejects(init([], { log: () => {} }), {
    message:
      "init needs the directory your site serves at its root, where sw.js goes: portico init <publicDir> [--with-runtime] (e.g. 'npx portico init public/')",
  });
  await assert.rejects(init({ positionals: [], values: {} }, { log: () => {} }), /init needs the directory/);
});

test('init refuses a file, a second directory and unknown options', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'file'), 'x');
  await assert.rejects(init([join(dir, 'file')], { log: () => {} }), /is a file, not a directory/);
  await assert.rejects(init([dir, 'other'], { log: () => {} }), /init takes one directory, not also 'other'/);
  await assert.rejects(init([dir, '--force'], { log: () => {} }), /Unknown option '--force'.*Usage: portico init <publicDir>/);
});

test("the command entry has the dispatcher's shape", () => {
  assert.deepEqual(command.positionals, ['publicDir']);
  assert.equal(typeof command.run, 'function');
  assert.match(command.usage, /^portico init <publicDir>/);
});
