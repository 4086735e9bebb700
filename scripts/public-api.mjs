#!/usr/bin/env node
// The crate's public Rust API, as rustdoc lists it (run `cargo doc --no-deps`
// first), must equal tests/public-api.txt: an item becomes public on purpose,
// by adding it there, never by accident.
//
//   node scripts/public-api.mjs           check
//   node scripts/public-api.mjs --write   rewrite tests/public-api.txt

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const listed = `${root}tests/public-api.txt`;
let html;
try {
  html = readFileSync(`${root}target/doc/portico/all.html`, 'utf8');
} catch {
  console.error('public-api: no target/doc/portico/all.html; run `cargo doc --no-deps` first');
  process.exit(1);
}
const items = [...html.matchAll(/<li><a href="[^"]+">([^<]+)<\/a><\/li>/g)].map((m) => m[1]).sort();
const header = '# The public Rust API (rustdoc\'s "All Items"); scripts/public-api.mjs checks it.\n';
if (process.argv.includes('--write')) {
  writeFileSync(listed, header + items.join('\n') + '\n');
  console.log(`public-api: ${items.length} items written to tests/public-api.txt`);
  process.exit(0);
}
const expected = readFileSync(listed, 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'));
const added = items.filter((i) => !expected.includes(i));
const removed = expected.filter((i) => !items.includes(i));
if (added.length || removed.length) {
  console.error('public-api: the public Rust API changed; if that is intended, run `node scripts/public-api.mjs --write`');
  for (const i of added) console.error(`  + ${i}`);
  for (const i of removed) console.error(`  - ${i}`);
  process.exit(1);
}
console.log(`public-api: ${items.length} public items, as listed`);
