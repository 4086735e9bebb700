// renderTemplate through the built package: the tests/vtl-inputs corpus that
// uses only what renderTemplate takes renders to the native snapshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { renderTemplate } from '../www/portico.mjs';

const inputs = new URL('../tests/vtl-inputs/', import.meta.url);
const snapshots = new URL('../tests/snapshots/', import.meta.url);

for (const file of (await readdir(inputs)).filter((f) => f.endsWith('.vtl')).sort()) {
  const source = await readFile(new URL(file, inputs), 'utf8');
  const [contextText, ...rest] = source.split('\n---\n');
  const context = JSON.parse(contextText);
  if (context.vars || context.engine) continue; // plain Velocity variables: native only
  test(`template ${file} renders as the native snapshot`, async () => {
    const snapshot = await readFile(new URL(`vtl__vtl_inputs@${file}.snap`, snapshots), 'utf8');
    const expected = snapshot.split('\n---\n').slice(1).join('\n---\n').replace(/^\n/, '');
    const body = typeof context.body === 'string' ? context.body : context.body === undefined ? '' : JSON.stringify(context.body);
    const result = await renderTemplate(rest.join('\n---\n'), {
      body,
      path: context.path,
      query: context.querystring,
      headers: context.header,
      context: context.context,
      stageVariables: context.stageVariables,
    });
    const got = result.error ? `!!!ERROR!!!\n${result.error.message}\n` : result.output;
    assert.equal(got.trimEnd(), expected.trimEnd());
  });
}

test('a template that does not parse gives the place', async () => {
  const result = await renderTemplate('line one\n  #if($x)\n', {});
  assert.deepEqual(result, {
    error: { message: 'syntax error: #if is never closed with #end (line 2, column 3)', line: 2, column: 3 },
  });
});

test('renderTemplate takes a raw query string and keeps parsed templates', async () => {
  const template = '$input.params("q")|$input.params().querystring.size()';
  assert.deepEqual(await renderTemplate(template, { query: '?q=a+b&r=%2F' }), { output: 'a b|2' });
  assert.deepEqual(await renderTemplate(template, { query: { q: 'x' } }), { output: 'x|1' });
});
