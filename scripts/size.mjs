// `make size`: the shipped .wasm raw and gzipped, and where its code bytes go.
// The breakdown reads the release build before wasm-bindgen strips the name
// section: each function body is charged to its crate (and, for Portico, its
// module), so inlined helpers count where LTO put them. The gzipped share of an
// area is estimated in proportion to its code bytes.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [shipped, named] = process.argv.slice(2);
const wasm = readFileSync(shipped);
const gz = gzipSync(wasm, { level: 9 }).length;
console.log(`${shipped}: ${wasm.length} bytes raw, ${gz} bytes gzipped (zlib level 9)`);

const bytes = readFileSync(named);
let pos = 8;
const u32 = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return result;
    shift += 7;
  }
};
const name = () => {
  const n = u32();
  const s = bytes.toString('utf8', pos, pos + n);
  pos += n;
  return s;
};

let imported = 0;
const bodies = [];
const names = new Map();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const end = pos + size;
  if (id === 2) {
    for (let i = u32(); i > 0; i--) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) {
        u32();
        imported++;
      } else if (kind === 1) {
        pos++;
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 2) {
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 3) pos += 2;
    }
  } else if (id === 10) {
    for (let i = u32(); i > 0; i--) {
      const n = u32();
      bodies.push(n);
      pos += n;
    }
  } else if (id === 0 && name() === 'name') {
    while (pos < end) {
      const sub = bytes[pos++];
      const length = u32();
      const subEnd = pos + length;
      if (sub === 1) for (let i = u32(); i > 0; i--) names.set(u32(), name());
      pos = subEnd;
    }
  }
  pos = end;
}
if (names.size === 0) throw new Error(`${named} has no name section: build it without stripping`);

// The name section holds mangled paths (`_ZN7portico6schema8keywords...`); a
// trait impl's path starts with the type (`_ZN67_$LT$portico..vtl..Value$u20$as...`),
// a drop with `core..ptr..drop_in_place$LT$portico..`: those are charged to the
// first Portico module or crate they name.
const STD = new Set(['core', 'alloc', 'std', 'dlmalloc', 'compiler_builtins']);
function area(symbol) {
  // The precompiled standard library uses v0 names (`_RNv...Cs<hash>_4core...`).
  const v0 = /^_R.*?C[sk][0-9A-Za-z]*_\d+([a-z_]+)/.exec(symbol);
  if (v0) return STD.has(v0[1]) || v0[1] === '___rustc' ? 'core, alloc, std' : v0[1];
  const m = /^_ZN(\d+)/.exec(symbol);
  if (!m) return /^(memcpy|memset|memmove|memcmp|__)/.test(symbol) ? 'core, alloc, std' : 'other';
  const first = symbol.slice(3 + m[1].length, 3 + m[1].length + Number(m[1]));
  let path;
  if (/^[a-z_][a-z0-9_]*$/.test(first)) {
    const rest = symbol.slice(3 + m[1].length + Number(m[1]));
    const second = /^(\d+)/.exec(rest);
    path = [first, second ? rest.slice(second[1].length, second[1].length + Number(second[1])) : ''];
  } else {
    const ours = /portico\.\.([a-z_0-9]+)/.exec(first);
    path = ours
      ? ['portico', ours[1]]
      : (/([a-z_][a-z0-9_]*)\.\./.exec(first.replace(/^_?\$LT\$/, '').replace(/^(core\.\.ptr\.\.drop_in_place\$LT\$|\$RF\$(mut\$u20\$)?)/, '')) ?? [
          '',
          'other',
        ])[1].split(' ');
  }
  if (path[0] === 'portico') return `portico::${path[1]}`;
  if (STD.has(path[0])) {
    // A generic of the standard library instantiated for a Portico type.
    const ours = /portico\.\.([a-z_0-9]+)/.exec(symbol);
    return ours ? `portico::${ours[1]}` : 'core, alloc, std';
  }
  return path[0];
}

const totals = new Map();
let code = 0;
bodies.forEach((n, i) => {
  const a = area(names.get(imported + i) ?? '');
  totals.set(a, (totals.get(a) ?? 0) + n);
  code += n;
});
const rows = [...totals].sort((a, b) => b[1] - a[1]);
console.log(`code: ${code} bytes in ${bodies.length} functions; by area (gzipped share estimated):`);
for (const [a, n] of rows) {
  const share = n / code;
  console.log(`  ${a.padEnd(26)} ${String(n).padStart(8)} bytes  ${(share * 100).toFixed(1).padStart(5)}%  ~${((share * gz) / 1024).toFixed(1)} KB gz`);
}
