// www/core/glue.d.mts declares what the harness uses of the wasm-bindgen glue
// (the type check of www/ reads it instead of the generated pkg/portico.js):
// every function, class and member it declares exists in the built glue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as glue from '../pkg/portico.js';

const declared = await readFile(new URL('../www/core/glue.d.mts', import.meta.url), 'utf8');

test('the glue has every function glue.d.mts declares', () => {
  const functions = [...declared.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
  assert.ok(functions.length >= 2);
  for (const name of functions) assert.equal(typeof glue[name], 'function', name);
  assert.match(declared, /^export default function /m);
  assert.equal(typeof glue.default, 'function', 'default');
});

test('the glue has every class glue.d.mts declares, with its members', () => {
  const classes = [...declared.matchAll(/^export class (\w+) \{\n([\s\S]*?)\n\}/gm)];
  assert.deepEqual(classes.map((m) => m[1]).sort(), ['WasmGateway', 'WasmSchema', 'WasmTemplate']);
  for (const [, name, body] of classes) {
    assert.equal(typeof glue[name], 'function', name);
    const prototype = glue[name].prototype;
    for (const [, member] of body.matchAll(/^ {2}(?:readonly )?(\w+)[(:]/gm)) {
      if (member === 'constructor') continue;
      assert.ok(Object.getOwnPropertyDescriptor(prototype, member), `${name}.${member}`);
    }
  }
});
