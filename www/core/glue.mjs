// The core's wasm-bindgen glue (pkg/portico.js, written by `make build`),
// imported through this module so that the type check of www/ reads its
// declaration (glue.d.mts) instead of the generated code, and runs before
// pkg/ exists. pkg-tests/glue.test.mjs checks the declaration against the
// built glue.
export * from '../../pkg/portico.js';
export { default } from '../../pkg/portico.js';
