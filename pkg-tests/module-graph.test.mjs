// scripts/module-graph.mjs fails on a cycle between files of src/ and names
// the reference that closes it; it lets a facade's re-exports pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/module-graph.mjs', import.meta.url));

/** A crate with these files under src/, checked by the script. */
async function check(files) {
  const root = await mkdtemp(join(tmpdir(), 'module-graph-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, 'src', path, '..'), { recursive: true });
    await writeFile(join(root, 'src', path), text);
  }
  return spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
}

test('a cycle between two files fails and names the references', async () => {
  const result = await check({
    'lib.rs': 'mod engine;\n',
    'engine/mod.rs': 'mod parse;\nmod exec;\n',
    'engine/parse.rs': 'use super::exec::simple;\npub(super) struct Ast;\n',
    'engine/exec.rs': 'use super::parse::Ast;\npub(super) fn simple() {}\n',
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /src\/engine\/exec\.rs <-> src\/engine\/parse\.rs/);
  assert.match(result.stderr, /src\/engine\/parse\.rs -> src\/engine\/exec\.rs: src\/engine\/parse\.rs:1 crate::engine::exec::simple/);
});

test('a facade that re-exports its children, and children that share a leaf, pass', async () => {
  const result = await check({
    'lib.rs': 'mod engine;\npub use engine::Engine;\n',
    'engine/mod.rs': 'mod ast;\nmod parse;\nmod exec;\npub use exec::Engine;\n',
    'engine/ast.rs': 'pub(super) struct Ast;\n',
    'engine/parse.rs': 'use super::ast::Ast;\npub(super) fn parse() -> Ast { Ast }\n',
    'engine/exec.rs': 'use super::ast::Ast;\npub struct Engine(Ast);\nfn run() { let _ = crate::engine::parse::parse(); }\n',
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /5 files, no cycles/);
});

test('the real tree has no cycle', () => {
  const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});
