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
