#!/usr/bin/env node
// Source files stay small enough to read in one sitting: none over LIMIT
// lines. Data files (corpora, snapshots, examples, fixtures) do not count.
//
//   node scripts/file-sizes.mjs            check (exit 1 on a file over the limit)
//   node scripts/file-sizes.mjs --print    also list the ten largest

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT = 800;
const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDirs = ['src', 'www', 'bin', 'scripts', 'tests', 'pkg-tests', 'fuzz/fuzz_targets'];
const isSource = (name) => /\.(rs|mjs|js|mts|ts|sh)$/.test(name);
// Data, not code: corpora, snapshots, fixtures, third-party bundles.
const isData = (path) => /(^|\/)(tests\/[a-z-]+-inputs|snapshots|fixtures|node_modules|target)(\/|$)/.test(path);

function walk(dir) {
  const out = [];
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    const rel = relative(root, path);
    if (isData(rel)) continue;
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (isSource(name)) out.push(rel);
  }
  return out;
}

const sizes = sourceDirs
  .flatMap((dir) => walk(join(root, dir)))
  .map((file) => ({ file, lines: readFileSync(join(root, file), 'utf8').split('\n').length - 1 }))
  .sort((a, b) => b.lines - a.lines);

if (process.argv.includes('--print')) {
  for (const { file, lines } of sizes.slice(0, 10)) console.log(`${String(lines).padStart(6)} ${file}`);
}
const over = sizes.filter((s) => s.lines > LIMIT);
if (over.length > 0) {
  console.error(`file-sizes: ${over.length} source file(s) over ${LIMIT} lines; split them along their seams:`);
  for (const { file, lines } of over) console.error(`  ${file}: ${lines}`);
  process.exit(1);
}
console.log(`file-sizes: ${sizes.length} source files, none over ${LIMIT} lines`);
