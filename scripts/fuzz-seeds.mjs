#!/usr/bin/env node
// Seeds for the fuzz targets (fuzz/seeds/<target>/), from what the project
// already has: the test corpora, the examples, and (when present) the
// conformance suites and real-world definitions beside the repository.
// The seeds are rebuilt on every run and never committed.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const shared = join(root, '..', 'shared');
const out = join(root, 'fuzz', 'seeds');

/** Every file under `dir` (recursively) whose name passes `keep`. */
function files(dir, keep = () => true) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...files(path, keep));
    else if (keep(name)) found.push(path);
  }
  return found;
}

const read = (path) => readFileSync(path, 'utf8');
const seeds = new Map(); // target -> Set of seed texts

function seed(target, text) {
  if (typeof text !== 'string' || text.length === 0) return;
  if (!seeds.has(target)) seeds.set(target, new Set());
  seeds.get(target).add(text);
}

/** Every string value under `key` anywhere in a JSON value. */
function collect(value, key, found = []) {
  if (Array.isArray(value)) for (const v of value) collect(v, key, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'string') found.push(v);
      else if (k === key && v && typeof v === 'object') found.push(...Object.values(v).filter((x) => typeof x === 'string'));
      collect(v, key, found);
    }
  }
  return found;
}

const parseJson = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

// Definitions: the OpenAPI corpus, the examples, real-world definitions.
const definitions = [
  ...files(join(root, 'tests', 'openapi-inputs')),
  ...files(join(root, 'examples'), (n) => /\.(json|ya?ml)$/.test(n)),
  ...files(join(shared, 'realworld'), (n) => /\.(json|ya?ml|template)$/.test(n)),
];
for (const path of definitions) {
  const text = read(path);
  seed('openapi', text);
  if (!text.trimStart().startsWith('{')) seed('yaml', text);
  const doc = parseJson(text);
  if (doc) {
    for (const template of [...collect(doc, 'requestTemplates'), ...collect(doc, 'responseTemplates')]) seed('vtl', template);
    for (const pattern of collect(doc, 'selectionPattern')) seed('regex', `\u0000${pattern}\u0000200`);
    for (const pattern of collect(doc, 'pattern')) seed('regex', `\u0001${pattern}\u0000value`);
  }
}

// Templates: the VTL corpus (the template after the `---` line) and
// Velocity's own templates.
for (const path of files(join(root, 'tests', 'vtl-inputs'))) {
  const text = read(path);
  const at = text.indexOf('\n---\n');
  seed('vtl', at >= 0 ? text.slice(at + 5) : text);
}
for (const path of files(join(shared, 'conformance', 'velocity-1.7'), (n) => n.endsWith('.vm'))) seed('vtl', read(path));

// Bodies: every JSON document in the test corpora, and the instances of
// the JSON-Schema-Test-Suite.
for (const path of files(join(root, 'tests'), (n) => n.endsWith('.json'))) seed('json_body', read(path));
for (const path of files(join(shared, 'conformance', 'json-schema-test-suite'), (n) => n.endsWith('.json'))) {
  const groups = parseJson(read(path));
  if (!Array.isArray(groups)) continue;
  for (const group of groups) {
    for (const t of group.tests ?? []) seed('json_body', JSON.stringify(t.data));
    if (typeof group.schema?.pattern === 'string') seed('regex', `\u0001${group.schema.pattern}\u0000x`);
  }
}

// Patterns and paths from the oracle tables (tab-separated: the first
// columns hold the pattern or path and its subject).
for (const path of files(join(root, 'tests', 'regex-inputs'), (n) => n.endsWith('.tsv'))) {
  for (const line of read(path).split('\n')) {
    if (line.startsWith('#')) continue;
    const [, pattern, subject] = line.split('\t');
    if (pattern !== undefined) seed('regex', `\u0000${pattern}\u0000${subject ?? ''}`);
  }
}
const documentsFile = join(root, 'tests', 'jsonpath-inputs', 'documents.json');
const documents = existsSync(documentsFile) ? (parseJson(read(documentsFile)) ?? {}) : {};
for (const path of files(join(root, 'tests', 'jsonpath-inputs'), (n) => n.endsWith('.tsv'))) {
  for (const line of read(path).split('\n')) {
    if (line.startsWith('#') || line.startsWith('document\t')) continue;
    const [name, jsonPath] = line.split('\t');
    if (jsonPath) seed('jsonpath', `${jsonPath.replaceAll('<TAB>', '\t')}\u0000${JSON.stringify(documents[name] ?? {})}`);
  }
}
for (const text of ['$.a[0]', '$..b', '$.a[?(@.b == 2)]', "$['c']", '$.a[-1:]', '$.a.length()']) seed('jsonpath', text);

rmSync(out, { recursive: true, force: true });
const counts = [];
for (const [target, texts] of [...seeds].sort()) {
  const dir = join(out, target);
  mkdirSync(dir, { recursive: true });
  for (const text of texts) {
    const name = createHash('sha1').update(text).digest('hex');
    writeFileSync(join(dir, name), text);
  }
  counts.push(`${target} ${texts.size}`);
}
console.log(`fuzz seeds: ${counts.join(', ')}`);
