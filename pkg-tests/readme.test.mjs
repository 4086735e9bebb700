// Every example in README.md and docs/**/*.md is executed, so the docs cannot
// drift from the code:
// - a ```js block runs here in Node and must print what its last comment says;
// - a ```js browser or ```js worker block must be one of the snippets that
//   browser.test.mjs runs in Chromium (pkg-tests/browser/snippets/);
// - a ```javascript block is an edge Worker (it imports a .wasm module, which
//   Node cannot) and must be examples/edge/worker.mjs, which edge.test.mjs
//   runs in workerd;
// - a ```js vite block must be part of the bundler tests' app
//   (pkg-tests/bundlers/app/src/index.js), a ```js quickstart block must be
//   the quick start's app (pkg-tests/bundlers/quickstart/src/main.js), a
//   ```js cloudflare block must be examples/cloudflare/src/index.mjs:
//   bundlers.test.mjs and cloudflare.test.mjs run them;
// - a ```rust block is a doctest: src/lib.rs must include its file;
// - every `npx portico serve` line is run as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');

const docs = [
  'README.md',
  ...(await readdir(new URL('../docs/', import.meta.url), { recursive: true }))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name.replaceAll('\\', '/')}`),
];

/** The fenced blocks of a Markdown text: `{ info, code }`, `info` being the text after the opening fence. */
function fencedBlocks(text) {
  const blocks = [];
  let open = null;
  for (const line of text.split('\n')) {
    if (open === null) {
      const fence = line.match(/^```(.*)$/);
      if (fence) open = { info: fence[1].trim(), lines: [] };
    } else if (line === '```') {
      blocks.push({ info: open.info, code: open.lines.map((l) => `${l}\n`).join('') });
      open = null;
    } else {
      open.lines.push(line);
    }
  }
  assert.equal(open, null, 'a fenced block is never closed');
  return blocks;
}

/** Fence kinds that are shown, not executed. */
const shownOnly = new Set(['sh', 'text', 'yaml', 'json']);

const files = await Promise.all(
  docs.map(async (path) => {
    const text = await read(path);
    return { path, text, blocks: fencedBlocks(text) };
  }),
);

test('the README and docs have runnable JS examples', () => {
  assert.ok(files.find((f) => f.path === 'README.md').blocks.some((b) => b.info === 'js'));
  assert.ok(files.length > 1, 'docs/ has pages');
});

test('every fenced block is of a kind that is executed or only shown', () => {
  const executed = new Set(['js', 'js browser', 'js worker', 'javascript', 'js vite', 'js quickstart', 'js cloudflare', 'rust']);
  const unknown = files.flatMap(({ path, blocks }) =>
    blocks.filter((b) => !executed.has(b.info) && !shownOnly.has(b.info)).map((b) => `${path}: \`\`\`${b.info}`),
  );
  assert.deepEqual(unknown, [], 'a block no test runs or checks (a TypeScript example needs a type-check here first)');
});

for (const { path, blocks } of files) {
  const js = blocks.filter((b) => b.info === 'js');
  for (const [i, { code }] of js.entries()) {
    const expected = [...code.matchAll(/\/\/ (.*)$/gm)].at(-1)?.[1];
    test(`${path} JS example ${i + 1} prints ${expected}`, async () => {
      assert.ok(expected !== undefined, 'the example ends with a comment saying what it prints');
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], { cwd: root });
      assert.equal(stdout.trim(), expected);
    });
  }
}

const snippetDir = new URL('./browser/snippets/', import.meta.url);
const snippets = await Promise.all((await readdir(snippetDir)).map(async (name) => ({ name, code: await readFile(new URL(name, snippetDir), 'utf8') })));
const edgeWorker = await read('examples/edge/worker.mjs');

for (const { path, blocks } of files) {
  for (const [i, { info, code }] of blocks.filter((b) => b.info === 'js browser' || b.info === 'js worker').entries()) {
    test(`${path} browser example ${i + 1} (${info}) is a snippet the browser tests run`, () => {
      assert.ok(
        snippets.some((s) => s.code === code),
        `copy it to pkg-tests/browser/snippets/ and list it in browser.test.mjs:\n${code}`,
      );
    });
  }
  for (const [i, { code }] of blocks.filter((b) => b.info === 'javascript').entries()) {
    test(`${path} edge example ${i + 1} is examples/edge/worker.mjs, which the edge tests run`, () => {
      assert.equal(code, edgeWorker);
    });
  }
}

const bundledApp = await read('pkg-tests/bundlers/app/src/index.js');
const quickstartMain = await read('pkg-tests/bundlers/quickstart/src/main.js');
const cloudflareWorker = await read('examples/cloudflare/src/index.mjs');

for (const { path, blocks } of files) {
  for (const [i, { code }] of blocks.filter((b) => b.info === 'js vite').entries()) {
    test(`${path} Vite example ${i + 1} is in the app the bundler tests run`, () => {
      assert.ok(bundledApp.includes(code), `pkg-tests/bundlers/app/src/index.js does not contain:\n${code}`);
    });
  }
  for (const [i, { code }] of blocks.filter((b) => b.info === 'js quickstart').entries()) {
    test(`${path} quick start ${i + 1} is pkg-tests/bundlers/quickstart/src/main.js, which the bundler tests run`, () => {
      assert.equal(code, quickstartMain);
    });
  }
  for (const [i, { code }] of blocks.filter((b) => b.info === 'js cloudflare').entries()) {
    test(`${path} Cloudflare example ${i + 1} is examples/cloudflare/src/index.mjs, which the wrangler test runs`, () => {
      assert.equal(code, cloudflareWorker);
    });
  }
}

test('every file with Rust examples is a doctest of src/lib.rs', async () => {
  const lib = await read('src/lib.rs');
  const withRust = files.filter((f) => f.blocks.some((b) => b.info === 'rust')).map((f) => f.path);
  const missing = withRust.filter((path) => !lib.includes(`#[doc = include_str!("../${path}")]`));
  assert.deepEqual(missing, [], 'add `#[doc = include_str!("../<file>")] #[cfg(doctest)]` on a struct in src/lib.rs');
});

const serveLines = files.flatMap(({ path, text }) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('npx portico serve '))
    .map((line) => ({ path, line })),
);

test('the README shows the `npx portico serve` command', () => {
  assert.ok(serveLines.some((s) => s.path === 'README.md'));
});

/** What each example answers, by its definition: the path under the stage and the body. */
const ANSWERS = {
  'examples/sam-hello/template.yaml': ['hello', '{"message":"hello world"}'],
  'examples/cdk/cdk.out/ApiStack.template.json': ['items/7', '{"path":"/items/7","resource":"/items/{id}","id":"7","table":"ItemsTable5AAC2C46"}'],
};
const ML_MODEL = ['', '{"statusCode":200,"body":"\\"Our first API gateway test was a success!!\\""}'];

for (const { path, line } of serveLines) {
  test(`${path}: \`${line}\` serves the example`, async () => {
    const { spawn } = await import('node:child_process');
    // The command as written, on a free port.
    const args = line
      .replace(/^npx portico /, '')
      .replace(/--port \d+/, '--port 0')
      .split(' ');
    const child = spawn(process.execPath, ['bin/portico.mjs', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = out.match(/API:\s+(http:\/\/\S+)/);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
      });
      const [under, body] = ANSWERS[args[1]] ?? ML_MODEL;
      const response = await fetch(url + under);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), body);
    } finally {
      child.kill();
    }
  });
}
