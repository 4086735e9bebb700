// Every ```js block in the README runs, and prints what its last comment says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the README has runnable JS examples', () => assert.ok(blocks.length >= 1));

for (const [i, code] of blocks.entries()) {
  const expected = [...code.matchAll(/\/\/ (.*)$/gm)].at(-1)?.[1];
  test(`README JS example ${i + 1} prints ${expected}`, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], { cwd: root });
    assert.equal(stdout.trim(), expected);
  });
}

test("the README's `npx portico serve` command serves the example", async () => {
  const { spawn } = await import('node:child_process');
  const line = readme.split('\n').find((l) => l.startsWith('npx portico serve '));
  assert.ok(line, 'the README shows the command');
  // The command as written, on a free port.
  const args = line.replace(/^npx portico /, '').replace(/--port \d+/, '--port 0').split(' ');
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
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '{"statusCode":200,"body":"\\"Our first API gateway test was a success!!\\""}');
  } finally {
    child.kill();
  }
});
