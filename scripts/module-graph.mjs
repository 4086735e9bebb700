#!/usr/bin/env node
// The module graph of `src/`: which file names an item defined in which
// other file. Arrows must point one way, so the script fails on a cycle and
// prints the references that close it.
//
//   node scripts/module-graph.mjs          check (exit 1 on a cycle)
//   node scripts/module-graph.mjs --print  also print every file's imports
//   node scripts/module-graph.mjs --root DIR  check DIR/src instead
//
// An edge A -> B exists when A's code names something B defines: through a
// `use` (non-public), or a `crate::` / `super::` / `self::` path in the code.
// A `pub use` re-export is the facade of a module, not a dependency of it:
// it is followed to the file that defines the item, and adds no edge itself.
// `mod` declarations add no edges. Test code (`#[cfg(test)]` items and
// `tests.rs` files) is left out: tests may look anywhere.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// `--root DIR` checks another tree (the script's own test does).
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? process.argv[rootArg + 1] : fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(root, 'src');

/** Every `.rs` file under `dir`. */
function rustFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...rustFiles(path));
    else if (name.endsWith('.rs')) out.push(path);
  }
  return out;
}

/** `src/a/b.rs` -> `crate::a::b`; `src/a/mod.rs` -> `crate::a`. */
function modulePath(file) {
  const parts = relative(srcDir, file).split(sep);
  const last = parts.pop().replace(/\.rs$/, '');
  if (last !== 'mod' && last !== 'lib') parts.push(last);
  return ['crate', ...parts];
}

/**
 * The source with comments, strings and char literals blanked (newlines
 * kept, so offsets still give line numbers).
 */
function strip(text) {
  let out = '';
  let i = 0;
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  while (i < text.length) {
    const rest = text.slice(i, i + 3);
    if (rest.startsWith('//')) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (rest.startsWith('/*')) {
      let depth = 0;
      let j = i;
      while (j < text.length) {
        if (text.startsWith('/*', j)) ((depth += 1), (j += 2));
        else if (text.startsWith('*/', j)) {
          depth -= 1;
          j += 2;
          if (depth === 0) break;
        } else j += 1;
      }
      out += blank(text.slice(i, j));
      i = j;
    } else if (/^b?r#*"/.test(text.slice(i, i + 12)) && !/\w/.test(text[i - 1] ?? '')) {
      const m = /^b?r(#*)"/.exec(text.slice(i, i + 12));
      const close = '"' + m[1];
      const end = text.indexOf(close, i + m[0].length);
      const stop = end < 0 ? text.length : end + close.length;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += blank(text.slice(i, j + 1));
      i = j + 1;
    } else if (text[i] === "'") {
      // A char literal ('a', '\n', '\u{1F600}'), not a lifetime ('a).
      const m = /^'(?:\\u\{[0-9a-fA-F]+\}|\\x[0-9a-fA-F]{2}|\\.|[^\\'])'/u.exec(text.slice(i, i + 12));
      if (m) {
        out += blank(m[0]);
        i += m[0].length;
      } else {
        out += text[i];
        i += 1;
      }
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

/** The index after the item starting at `from`: its `{...}` block or its `;`. */
function itemEnd(code, from) {
  let depth = 0;
  for (let j = from; j < code.length; j++) {
    const c = code[j];
    if (c === '{') depth += 1;
    else if (c === '}') {
      depth -= 1;
      if (depth === 0) return j + 1;
    } else if (c === ';' && depth === 0) return j + 1;
  }
  return code.length;
}

/** The code with `#[cfg(test)]` items blanked. */
function withoutTests(code) {
  const re = /#\[cfg\(test\)\]/g;
  let out = code;
  for (let m; (m = re.exec(code));) {
    const end = itemEnd(code, m.index + m[0].length);
    out = out.slice(0, m.index) + out.slice(m.index, end).replace(/[^\n]/g, ' ') + out.slice(end);
  }
  return out;
}

/** Parses a `use` tree (`a::{b, c::d as e, self}`) into full paths. */
function useTree(text) {
  const tokens = text.match(/::|[{},*]|\bas\b|[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  let pos = 0;
  function tree(prefix) {
    const path = [...prefix];
    const out = [];
    while (pos < tokens.length) {
      const t = tokens[pos];
      if (t === '::') pos += 1;
      else if (t === '{') {
        pos += 1;
        while (pos < tokens.length && tokens[pos] !== '}') {
          out.push(...tree(path));
          if (tokens[pos] === ',') pos += 1;
        }
        pos += 1;
        return out;
      } else if (t === ',' || t === '}') break;
      else if (t === 'as') pos += 2;
      else if (t === '*') {
        pos += 1;
        out.push([...path]);
      } else {
        pos += 1;
        if (t !== 'self') path.push(t);
      }
    }
    if (path.length > prefix.length || out.length === 0) out.push(path);
    return out;
  }
  return tree([]);
}

/** Line number of an offset. */
const lineAt = (code, offset) => code.slice(0, offset).split('\n').length;

const files = rustFiles(srcDir).filter((f) => !f.endsWith(`${sep}tests.rs`));
const modules = new Map(); // 'crate::a::b' -> file info
for (const file of files) {
  const raw = readFileSync(file, 'utf8');
  // `pub(in crate::a)` names a module for visibility, not a dependency.
  const code = withoutTests(strip(raw)).replace(/pub\(in [^)]*\)/g, (v) => v.replace(/[^\n]/g, ' '));
  const path = modulePath(file);
  const info = { file: relative(root, file), path, code, defines: new Set(), reexports: new Map(), imported: new Map(), refs: [] };
  // Items at the file's top level (depth 0).
  let depth = 0;
  const itemRe = /\b(?:struct|enum|union|trait|type|fn|const|static|mod|macro_rules!)\s+([A-Za-z_][A-Za-z0-9_]*)/y;
  for (let j = 0; j < code.length; j++) {
    const c = code[j];
    if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    else if (depth === 0 && /[a-z]/.test(c) && !/\w/.test(code[j - 1] ?? '')) {
      itemRe.lastIndex = j;
      const m = itemRe.exec(code);
      if (m) info.defines.add(m[1]);
    }
  }
  modules.set(path.join('::'), info);
}

/** Absolute segments for a path written in module `base`. */
function absolute(segments, base) {
  const out = [...base];
  let i = 0;
  if (segments[0] === 'crate') return segments;
  while (segments[i] === 'super' || segments[i] === 'self') {
    if (segments[i] === 'super') out.pop();
    i += 1;
  }
  // Without a prefix, a path starts at a child module of this one (or in
  // an external crate, std, or a local name, which add no edges).
  if (i === 0) return modules.has([...base, segments[0]].join('::')) ? [...base, ...segments] : null;
  return [...out, ...segments.slice(i)];
}

// `use` statements: private ones are references, public ones re-exports.
for (const info of modules.values()) {
  const re = /(^|[;{}\s])(pub(?:\([a-z ]+\))?\s+)?use\s+([^;]+);/g;
  for (let m; (m = re.exec(info.code));) {
    const line = lineAt(info.code, m.index + m[1].length);
    const aliases = [...m[3].matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s+as\s+([A-Za-z_][A-Za-z0-9_]*)/g)];
    for (const segments of useTree(m[3])) {
      const abs = absolute(segments, info.path);
      if (!abs) continue;
      const last = segments.at(-1);
      const alias = aliases.find((a) => a[1] === last)?.[2] ?? last;
      if (m[2]) info.reexports.set(alias, abs);
      else info.refs.push({ abs, line });
      // `use crate::a::b;` then `b::f()`: the code's paths start at `b`.
      info.imported.set(alias, abs);
    }
  }
  // Paths in code: `crate::a::B`, `super::x`, `self::y::z`, `child::f`.
  const pathRe = /(?<![\w:])([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)+)/g;
  const code = info.code.replace(/(^|[;{}\s])(pub(?:\([a-z ]+\))?\s+)?use\s+[^;]+;/g, (s) => s.replace(/[^\n]/g, ' '));
  for (let m; (m = pathRe.exec(code));) {
    const segments = m[1].split('::');
    const imported = info.imported.get(segments[0]);
    const abs = imported ? [...imported, ...segments.slice(1)] : absolute(segments, info.path);
    if (abs) info.refs.push({ abs, line: lineAt(code, m.index) });
  }
}

/** The file that defines what an absolute path names, following re-exports. */
function resolve(abs, seen = new Set()) {
  const key = abs.join('::');
  if (seen.has(key)) return null;
  seen.add(key);
  // The longest prefix that is a module.
  let k = abs.length;
  while (k > 0 && !modules.has(abs.slice(0, k).join('::'))) k -= 1;
  if (k === 0) return null;
  const mod = modules.get(abs.slice(0, k).join('::'));
  const item = abs[k];
  if (item === undefined || mod.defines.has(item)) return mod;
  const target = mod.reexports.get(item);
  if (target) return resolve([...target, ...abs.slice(k + 1)], seen) ?? mod;
  return mod;
}

const edges = new Map(); // file -> Map(file -> [evidence])
for (const info of modules.values()) {
  const out = new Map();
  for (const { abs, line } of info.refs) {
    const target = resolve(abs);
    if (!target || target === info) continue;
    if (!out.has(target.file)) out.set(target.file, []);
    out.get(target.file).push(`${info.file}:${line} ${abs.join('::')}`);
  }
  edges.set(info.file, out);
}

// Tarjan's strongly connected components.
let index = 0;
const stack = [];
const state = new Map();
const components = [];
function connect(v) {
  const s = { index, low: index, onStack: true };
  state.set(v, s);
  index += 1;
  stack.push(v);
  for (const w of edges.get(v).keys()) {
    if (!state.has(w)) {
      connect(w);
      s.low = Math.min(s.low, state.get(w).low);
    } else if (state.get(w).onStack) s.low = Math.min(s.low, state.get(w).index);
  }
  if (s.low === s.index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      state.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const v of edges.keys()) if (!state.has(v)) connect(v);

if (process.argv.includes('--print')) {
  for (const [file, out] of edges) {
    console.log(`${file} -> ${[...out.keys()].join(', ') || '(nothing)'}`);
  }
}

if (components.length > 0) {
  console.error(`module-graph: ${components.length} cycle(s) in src/; arrows must point one way:`);
  for (const component of components) {
    console.error(`\n  ${component.join(' <-> ')}`);
    for (const from of component) {
      for (const [to, evidence] of edges.get(from)) {
        if (component.includes(to)) console.error(`    ${from} -> ${to}: ${evidence[0]}${evidence.length > 1 ? ` (+${evidence.length - 1})` : ''}`);
      }
    }
  }
  console.error('\nMove what both sides share into a leaf module that imports neither.');
  process.exit(1);
}
console.log(`module-graph: ${modules.size} files, no cycles`);
