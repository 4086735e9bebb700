// Hooks for Portico's own tests (pkg-tests/). Not part of the package's API:
// package.json `exports` does not list this module, so `import 'portico/...'`
// cannot reach it.

import { runtime } from '../core/runtime.mjs';

export { beginStep, beginTestStep, resumeStep } from '../core/steps.mjs';

/** Makes the core panic at its next call, to test that a panic is contained. */
export function panicAtNextCall() {
  runtime.armPanic();
}

/** How many times the wasm module was re-instantiated (after panics). */
export function generation() {
  return runtime.generation;
}
