// The TypeScript declarations accept a typed user of the whole JS API
// (pkg-tests/types/example.mts), with handlers typed by @types/aws-lambda.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

test('tsc --noEmit accepts the typed example', async () => {
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  const run = promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', 'pkg-tests/types/tsconfig.json'], { cwd: root });
  const { stdout, stderr } = await run.catch((error) => ({ stdout: error.stdout, stderr: error.stderr, failed: error }));
  assert.equal(`${stdout}${stderr}`.trim(), '');
});

/** tsc's output for a project of pkg-tests/types/, '' when it accepts it. */
async function typeCheck(project) {
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  const run = promisify(execFile)(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', `pkg-tests/types/${project}`], { cwd: root });
  const { stdout, stderr } = await run.catch((error) => ({ stdout: error.stdout, stderr: error.stderr }));
  return `${stdout}${stderr}`.trim();
}

test("the handler types accept handlers of every kind, and fit @types/aws-lambda's both ways", async () => {
  assert.equal(await typeCheck('tsconfig.handlers.json'), '');
});

test('a proxy handler whose body is not a string does not compile, without @types/aws-lambda installed', async () => {
  const output = await typeCheck('tsconfig.wrong-body.json');
  assert.match(
    output.split('\n')[0],
    /^pkg-tests\/types\/wrong-body\.mts\(5,49\): error TS2322: Type 'Promise<\{ statusCode: number; body: \{ id: number; \}; \}>' is not assignable to type /,
  );
  assert.match(output, /Types of property 'body' are incompatible\.\n\s+Type '\{ id: number; \}' is not assignable to type 'string'\./);
});

test('every export of the harness is declared', async () => {
  const { readFile } = await import('node:fs/promises');
  for (const name of ['portico', 'browser']) {
    const declared = await readFile(new URL(`../www/${name}.d.mts`, import.meta.url), 'utf8');
    const reexported = [...declared.matchAll(/export \{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((n) => n.trim()));
    const module = await import(`../www/${name}.mjs`);
    const missing = Object.keys(module).filter((key) => !reexported.includes(key) && !new RegExp(`export (function|const|class) ${key}\\b`).test(declared));
    assert.deepEqual(missing, [], `www/${name}.d.mts`);
  }
});
