// The core's live wasm instance: loading it, replacing it after a panic, and
// the views of its memory that the routing fast path reads. One per JS realm;
// gateways, templates and schemas are built on whichever instance is live.

import * as firstInstance from './glue.mjs';
import { fetchWasm, hasNodeBuiltins, isFileUrl, readWasmFile } from './wasm-source.mjs';

/**
 * The .wasm next to the glue (built lazily: some edge runtimes lack
 * `import.meta.url`). Written as bundlers recognise it (a literal path and
 * `import.meta.url` in one expression), so Vite and webpack emit the wasm
 * as an asset and rewrite the URL.
 */
const wasmUrl = () => new URL('../../pkg/portico_bg.wasm', import.meta.url);
/** This module's URL: after bundling, the bundle's, beside which the wasm may have been copied. */
const moduleUrl = () => import.meta.url;

/** Whether an error is a trap inside the wasm (a Rust panic aborts as `unreachable`). */
export function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError;
}

/** The wasm next to the glue; says what to do where the bundle has no `import.meta.url`. */
function defaultWasmUrl() {
  if (!moduleUrl()) {
    throw new Error(
      "Portico: import.meta.url is empty here (esbuild's iife output format has none), so portico_bg.wasm cannot be located: bundle with --format=esm, or pass the wasm's URL, bytes or WebAssembly.Module as the `wasm` option.",
    );
  }
  return wasmUrl();
}

/** The wasm at `url`: its bytes read from disk under Node, else compiled from a fetch. */
function loadWasm(url) {
  if (hasNodeBuiltins() && isFileUrl(url)) return readWasmFile(url);
  return fetchWasm(url, moduleUrl());
}

class WasmRuntime {
  /** The wasm-bindgen glue of the live instance (replaced after a panic). */
  glue = firstInstance;
  /** Bumped each time the module is re-instantiated; gateways rebuild their core. */
  generation = 0;
  /** @type {Promise<void> | null} */
  #ready = null;
  /** @type {WebAssembly.Memory | null} */
  #memory = null;
  /** `options.wasm` as last given: the module, or where to load it from. */
  #source;
  /** The default .wasm (bytes read from disk, or the module compiled from a fetch), kept for a re-instantiation. */
  #defaultWasm;
  #byteView = new Uint8Array(0);
  #wordView = new Uint32Array(0);
  #panicArmed = false;
  #onReinstantiate = [];

  /** Loads the wasm once: from disk under Node, by URL elsewhere, or from `options.wasm`. */
  load(source) {
    if (source !== undefined) this.#source = source;
    if (this.#ready) return this.#ready;
    this.#ready = (async () => {
      const glue = this.glue;
      const wasmSource = this.#source;
      let exports;
      if (wasmSource instanceof WebAssembly.Module) {
        exports = glue.initSync({ module: wasmSource });
      } else if (typeof wasmSource === 'string' || wasmSource instanceof URL) {
        exports = glue.initSync({ module: await loadWasm(wasmSource) });
      } else if (wasmSource !== undefined) {
        exports = await glue.default({ module_or_path: wasmSource });
      } else {
        this.#defaultWasm ??= await loadWasm(defaultWasmUrl());
        exports = glue.initSync({ module: this.#defaultWasm });
      }
      this.#memory = exports.memory;
      // A new instance has a new memory: the views of the old one must go.
      this.#byteView = new Uint8Array(0);
      this.#wordView = new Uint32Array(0);
    })();
    this.#ready.catch(() => {
      this.#ready = null;
    });
    return this.#ready;
  }

  /** `drop()` runs whenever the instance is replaced: for caches of objects that live in the old one. */
  onReinstantiate(drop) {
    this.#onReinstantiate.push(drop);
  }

  /**
   * After a panic (a `WebAssembly.RuntimeError` from the core) the instance's
   * state cannot be trusted: load a fresh copy of the glue and the module.
   * Gateways notice the new generation and rebuild their core from their
   * definition.
   */
  async reinstantiate() {
    this.generation += 1;
    for (const drop of this.#onReinstantiate) drop();
    this.#ready = null;
    this.glue = await import(/* webpackIgnore: true */ /* @vite-ignore */ new URL(`../../pkg/portico.js?instance=${this.generation}`, import.meta.url).href);
    await this.load();
  }

  /**
   * Views of wasm memory, renewed when the memory grows: growth detaches the
   * old buffer, and a view of a detached buffer has length 0 (a cheaper test
   * than reading `memory.buffer`). A new instance brings a new memory, so a
   * re-instantiation resets them too. (Only gateways read them, after load().)
   */
  memoryBytes() {
    if (this.#byteView.length === 0) this.#byteView = new Uint8Array(/** @type {WebAssembly.Memory} */ (this.#memory).buffer);
    return this.#byteView;
  }

  memoryWords() {
    if (this.#wordView.length === 0) this.#wordView = new Uint32Array(/** @type {WebAssembly.Memory} */ (this.#memory).buffer);
    return this.#wordView;
  }

  /** Runs `work`, a call into the core; first makes the core panic, when a test armed it. */
  call(work) {
    if (this.#panicArmed) {
      this.#panicArmed = false;
      this.glue.__porticoPanicForTests();
    }
    return work();
  }

  /** For the containment tests (www/internal/testing.mjs): the core panics at its next call. */
  armPanic() {
    this.#panicArmed = true;
  }
}

/** The realm's one runtime. */
export const runtime = new WasmRuntime();
